/** Phone numbers are personal data: logs keep only the last two digits. */
export const maskPhones = (text: string): string =>
  text.replace(
    /\+?\d[\d ]{5,}\d/g,
    (number) => `${'*'.repeat(Math.max(0, number.length - 2))}${number.slice(-2)}`,
  );
