/** Files that are not what their names say, for the attachment tests. */

/** A real ZIP archive (Python's zipfile) holding `a.txt` with `hi`: local header … end of central directory. */
export const ZIP_BYTES = Buffer.from(
  '504b03041400000000008079875dac2a93d8020000000200000005000000612e' +
  '7478746869504b010214031400000000008079875dac2a93d802000000020000' +
  '00050000000000000000000000800100000000612e747874504b050600000000' +
  '0100010033000000250000000000',
  'hex',
);
/** The first bytes of an x86-64 ELF executable. */
export const ELF_BYTES = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0x3e, 0x00]);
