/** esbuild loads `.css` as text for the webview bundle. */
declare module '*.css' {
  const text: string;
  export default text;
}
