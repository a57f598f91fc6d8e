import type { Chapter1Texts } from '../report-sections.ts';

/**
 * Standard wording of the Laporan Pelaksanaan SKM, from the mandatory template (seed 000, lines
 * 2202–2480) and the Surat Pernyataan (lines 2630–2655). `{unit}` is replaced by the unit's name.
 * BAB I can be replaced per organisation (app_setting `report.skm.chapter1`); the rest is fixed.
 */

export const DEFAULT_CHAPTER1: Chapter1Texts = {
  background: [
    'Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, mengamanatkan penyelenggara wajib mengikutsertakan masyarakat dalam penyelenggaraan Pelayanan Publik sebagai upaya membangun sistem penyelenggaraan Pelayanan Publik yang adil, transparan, dan akuntabel. Pelibatan masyarakat ini menjadi penting seiring dengan adanya konsep pembangunan berkelanjutan serta dapat mendorong kebijakan penyelenggaraan pelayanan publik lebih tepat sasaran.',
    'Dalam mengamanatkan UU No. 25 tahun 2009 maupun PP No. 96 Tahun 2012 maka disusun Peraturan Menteri PANRB No. 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat (SKM) Unit Penyelenggara Pelayanan Publik. Pedoman ini memberikan gambaran bagi penyelenggara pelayanan untuk melibatkan masyarakat dalam penilaian kinerja pelayanan publik guna meningkatkan kualitas pelayanan yang diberikan. Penilaian masyarakat atas penyelenggaraan pelayanan publik akan diukur berdasarkan 9 (sembilan) unsur yang berkaitan dengan standar pelayanan, sarana prasarana, serta konsultasi pengaduan.',
    'Untuk mengetahui sejauh mana kualitas pelayanan {unit} sebagai salah satu penyedia layanan publik di Badan Pengawas Obat dan Makanan (BPOM) maka perlu diselenggarakan survei atau jajak pendapat tentang penilaian pengguna layanan publik terhadap pelayanan yang diberikan. Dengan berpedoman pada Peraturan Menteri PANRB No. 14 Tahun 2017, maka telah dilakukan pengukuran atas kepuasan masyarakat. Hasil SKM yang didapat merangkum data dan informasi tentang tingkat kepuasan masyarakat. Dengan elaborasi metode pengukuran secara kuantitatif dan kualitatif atas pendapat masyarakat, maka akan didapatkan kualitas data yang akurat dan komprehensif.',
    'Hasil survei ini akan digunakan sebagai bahan evaluasi dan bahan masukan bagi penyelenggara layanan publik untuk terus-menerus melakukan perbaikan sehingga kualitas pelayanan prima dapat segera dicapai. Dengan tercapainya pelayanan prima maka harapan dan tuntutan masyarakat atas hak-hak mereka sebagai warga negara dapat terpenuhi.',
  ].join('\n\n'),
  legalBasis: [
    'Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.',
    'Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.',
    'Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.',
  ],
  purpose:
    'Tujuan pelaksanaan SKM adalah untuk mengetahui gambaran kepuasan masyarakat yang diperoleh dari hasil pengukuran atas pendapat masyarakat, terhadap mutu dan kualitas pelayanan yang telah diberikan oleh {unit}.',
};

/** 1.3: the five goals and seven benefits (fixed text of the template). */
export const GOALS = [
  'Mendorong partisipasi masyarakat sebagai pengguna layanan dalam menilai kinerja penyelenggara pelayanan;',
  'Mendorong penyelenggara pelayanan publik untuk meningkatkan kualitas pelayanan publik;',
  'Mendorong penyelenggara pelayanan publik untuk menjadi lebih inovatif dalam menyelenggarakan pelayanan publik;',
  'Mengukur kecenderungan tingkat kepuasan masyarakat terhadap pelayanan publik yang diberikan.',
  'Mendorong pencapaian kinerja dan komitmen antikorupsi pada unit pelayanan di Badan POM dalam memberikan pelayanan kepada masyarakat.',
];
export const BENEFITS = [
  'Diketahui kelemahan atau kekurangan dari masing-masing unsur dalam penyelenggara pelayanan publik;',
  'Diketahui kinerja penyelenggara pelayanan yang telah dilaksanakan oleh unit pelayanan publik secara periodik;',
  'Sebagai bahan penetapan kebijakan yang perlu diambil dan upaya tindak lanjut yang perlu dilakukan atas hasil Survei Kepuasan Masyarakat;',
  'Diketahui indeks kepuasan masyarakat secara menyeluruh terhadap hasil pelaksanaan pelayanan publik di lingkungan Badan POM;',
  'Memacu persaingan positif, antar unit penyelenggara pelayanan pada lingkup Pemerintah Pusat dan Daerah dalam upaya peningkatan kinerja pelayanan;',
  'Bagi masyarakat dapat diketahui gambaran tentang kinerja unit pelayanan;',
  'Diketahuinya indikator keberhasilan Reformasi Birokrasi Badan POM melalui peningkatan kualitas pelayanan publik Badan POM.',
];

/** Surat Pernyataan Kebenaran Data SKM (template lines 2630–2655). */
export const STATEMENT_PARAGRAPHS = [
  'Dengan ini saya menyatakan bahwa data pada Survei Kepuasan Masyarakat (SKM) yang dilaporkan pada laporan ini adalah benar dan merupakan data hasil respon yang diberikan oleh responden survei atas layanan yang diberikan.',
  'Saya paham dan menyadari bahwa data yang dilaporkan memiliki dampak penting dalam berbagai aspek, antara lain penilaian kinerja organisasi dan perbaikan berkelanjutan atas pelayanan publik yang dilaksanakan. Oleh karena itu, saya menyatakan bahwa saya bertanggung jawab sepenuhnya atas kebenaran dan keakuratan data yang dilaporkan.',
  'Jika di kemudian hari ditemukan adanya ketidakbenaran atau ketidakakuratan dalam data yang dilaporkan, saya bersedia menanggung segala konsekuensi dan tanggung jawab yang timbul dari ketidaksesuaian data tersebut.',
  'Demikian pernyataan ini saya buat dengan sebenar-benarnya, tanpa ada paksaan dari pihak manapun, dan untuk digunakan sebagaimana mestinya.',
];

export const TREND_INTRO =
  'Untuk membandingkan indeks kinerja unit pelayanan secara berkala atau melihat perubahan tingkat kepuasan masyarakat dalam menerima pelayanan publik diperlukan survei secara periodik dan berkesinambungan. Hasil analisis survei dipergunakan untuk melakukan evaluasi kepuasan masyarakat terhadap layanan yang diberikan, sebagai bahan pengambilan kebijakan terkait pelayanan publik serta melihat kecenderungan (tren) layanan publik yang telah diberikan penyelenggara kepada masyarakat serta kinerja dari penyelenggara pelayanan publik.';

export const RTL_INTRO =
  'Hasil analisis tersebut akan digunakan untuk perbaikan kualitas pelayanan publik maupun pengambilan kebijakan dalam rangka pelayanan publik. Oleh karenanya, berdasarkan hasil analisis tersebut, disusun rencana tindak lanjut perbaikan. Rencana tindak lanjut perbaikan dilakukan dengan prioritas dimulai dari unsur yang paling rendah hasilnya.';

/** Shown where the unit has not written a section yet: visible in the draft, never a crash. */
export const PLACEHOLDER = { id: '[diisi oleh unit]', en: '[to be completed by the unit]' } as const;

export const fillUnit = (text: string, unit: string) =>
  text.replaceAll('{unit}', unit).replaceAll('<<Nama Unit Pelayanan Publik>>', unit);
