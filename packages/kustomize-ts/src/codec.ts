/** The one place the pipeline meets the YAML codec (`src/yaml/`, owned by the codec). */
export { decodeStream, decodeYaml, yamlToJson } from "./yaml/decode.ts";
export { encodeDocument, encodeStream } from "./yaml/encode.ts";
export { resolveV3 } from "./yaml/resolve.ts";
