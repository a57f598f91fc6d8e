import { type InstrumentProfile, loadProfile } from './profile.ts';
import { BPOM_2024 } from './shipped/bpom-2024.ts';
import { PERMENPAN_2017 } from './shipped/permenpan-2017.ts';
import { SPKP_SPAK_4 } from './shipped/spkp-spak-4.ts';

/** The three shipped profiles, validated through the same gate as a JSON file. */
export const SHIPPED_PROFILES: ReadonlyMap<string, InstrumentProfile> = new Map(
  [PERMENPAN_2017, BPOM_2024, SPKP_SPAK_4].map((json) => {
    const p = loadProfile(json);
    return [p.code, p] as const;
  }),
);

export function shippedProfile(code: string): InstrumentProfile | undefined {
  return SHIPPED_PROFILES.get(code);
}
