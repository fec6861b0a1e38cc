/** Vite (and so Vitest) imports a file's text with `?raw`; tests of this pure package read fixtures so. */
declare module '*?raw' {
  const text: string;
  export default text;
}
