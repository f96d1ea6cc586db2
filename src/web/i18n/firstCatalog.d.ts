/** The first-screen part of a catalog (`scripts/firstScreen.ts`, `firstCatalogPlugin`). */
declare module 'virtual:taiwa-first-catalog/*' {
  const catalog: { [key: string]: unknown };
  export default catalog;
}
