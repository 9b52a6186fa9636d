// highlight.js declares its per-language modules but not its core entry point, which has the same API.
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
