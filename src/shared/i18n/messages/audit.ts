import type { MessageBundle } from '../index.ts';

export const auditMessages: MessageBundle = {
  id: {
    'audit.problem.hash_mismatch': 'Baris {seq} diubah (hash tidak cocok)',
    'audit.problem.prev_hash_mismatch': 'Tautan ke baris sebelum {seq} terputus (prev_hash tidak cocok)',
    'audit.problem.seq_gap': 'Baris {seq} hilang (nomor urut melompat)',
    'audit.problem.head_mismatch': 'Ujung rantai tidak cocok mulai baris {seq} (baris dihapus atau kepala rantai diubah)',
    'audit.problem.head_missing': 'Kepala rantai hilang (baris terakhir {seq})',
    'audit.verify.ok': 'Jejak audit utuh: {chains} rantai, {events} peristiwa diperiksa.',
    'audit.verify.failed': 'Jejak audit RUSAK: {count} masalah pada {chains} rantai, {events} peristiwa diperiksa.',
  },
  en: {
    'audit.problem.hash_mismatch': 'Row {seq} was edited (hash mismatch)',
    'audit.problem.prev_hash_mismatch': 'Link to the row before {seq} is broken (prev_hash mismatch)',
    'audit.problem.seq_gap': 'Row {seq} is missing (sequence gap)',
    'audit.problem.head_mismatch': 'Chain head does not match from row {seq} (rows removed or head altered)',
    'audit.problem.head_missing': 'Chain head is missing (last row {seq})',
    'audit.verify.ok': 'Audit trail intact: {chains} chains, {events} events checked.',
    'audit.verify.failed': 'Audit trail BROKEN: {count} problems in {chains} chains, {events} events checked.',
  },
};
