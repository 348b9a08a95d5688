/** The one place the pipeline meets the YAML codec (`src/yaml/`, owned by the codec). */
export { decodeStream, decodeYaml, yamlToJson } from "./yaml/decode.ts";
export { encodeDocument, encodeStream } from "./yaml/encode.ts";
