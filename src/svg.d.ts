// SVG files are bundled as strings (the builder's asset/source rule for .svg).
declare module '*.svg' {
  const value: string;
  export default value;
}
