/*
 * The API reference page's stylesheet (see apiReference.ts): plain CSS served from the same origin.
 */

/** The reference page's stylesheet, served from the same origin (`style-src 'self'`). */
export const apiReferenceStylesheet = `:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --accent: #0b5cad;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); line-height: 1.5; }
body { margin: 0; }
header { padding: 1.5rem 2rem 1rem; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 .5rem; font-size: 1.6rem; }
.meta { color: var(--muted); }
a { color: var(--accent); }
.layout { display: grid; grid-template-columns: minmax(14rem, 20rem) minmax(0, 1fr); }
nav { border-right: 1px solid var(--line); padding: 1rem 1.25rem; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; overflow-x: hidden; }
nav h2 { font-size: 1rem; margin: 0 0 .5rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav ul ul { margin: .25rem 0 .75rem; padding-left: .5rem; }
nav li { margin: .15rem 0; }
nav a { text-decoration: none; }
nav code { overflow-wrap: anywhere; }
main { padding: 1rem 2rem 3rem; min-width: 0; }
main > section > h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
.operation { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1.25rem; margin: 1rem 0; }
.operation h3 { margin: .25rem 0; font-size: 1.1rem; }
.operation h4 { margin: 1rem 0 .25rem; font-size: .95rem; }
.method { display: inline-block; min-width: 3.6rem; text-align: center; border-radius: .3rem; padding: 0 .35rem; font: 600 .8rem/1.6 ui-monospace, monospace; color: #fff; background: #59636e; }
.method-get { background: #1a7f37; }
.method-post { background: #0b5cad; }
.method-put { background: #9a6700; }
.method-delete { background: #cf222e; }
.access { display: inline-block; margin: .25rem 0; padding: 0 .5rem; border-radius: 1rem; font-size: .85rem; background: var(--panel); border: 1px solid var(--line); }
.access.admin { border-color: #9a6700; }
.operation-id, .note { color: var(--muted); font-size: .9rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
.schema-inline { word-break: break-all; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .25rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
tr.failure td:first-child { color: #cf222e; }
tr.success td:first-child { color: #1a7f37; }
ul.codes { margin: 0; padding-left: 1rem; }
details.schema { margin: .5rem 0; }
details.schema summary { cursor: pointer; color: var(--muted); }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: .4rem; padding: .75rem; overflow-x: auto; font-size: .85rem; }
@media (max-width: 48rem) {
  .layout { display: block; }
  nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); }
  header, main { padding-left: 1rem; padding-right: 1rem; }
}
`;
