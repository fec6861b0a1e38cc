/** Vite (and so Vitest) imports a file's text with `?raw`; the tests of this pure package read data files so. */
declare module '*?raw' {
  const text: string;
  export default text;
}
