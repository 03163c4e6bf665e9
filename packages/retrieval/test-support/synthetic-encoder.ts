// A synthetic BERT encoder with the shape of a real sentence-transformers model (default the
// shape of all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, FFN 1536) and random weights,
// written with the project's own ONNX writer. Its embeddings mean nothing; its compute per
// token is that of the real model, so the bench can measure realistic dense-retrieval latency
// where no real model can be downloaded. Uses the fixture's WordPiece tokenizer.

import { writeFile } from "node:fs/promises";
import path from "node:path";
import { writeFixtureModel, type FixtureModel } from "./dense-fixture.js";
import { encodeOnnxModel, OnnxType, type OnnxInitializer, type OnnxNode } from "./onnx-writer.js";
import { createRng } from "@toolrec/core";

export interface EncoderShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
}

export const MINILM_L6_SHAPE: EncoderShape = { layers: 6, hidden: 384, heads: 12, intermediate: 1536, maxPositions: 512 };


/**
 * Writes a model folder like writeFixtureModel(kind "bert") whose onnx/model.onnx is a full
 * post-LayerNorm BERT encoder of the given shape (random weights, seed-deterministic).
 */
export async function writeSyntheticEncoder(dir: string, shape: EncoderShape = MINILM_L6_SHAPE, words?: readonly string[]): Promise<FixtureModel> {
  const { layers, hidden: H, heads, intermediate: I, maxPositions } = shape;
  if (H % heads !== 0) throw new Error(`hidden ${H} is not divisible by ${heads} heads`);
  const headDim = H / heads;
  const fixture = await writeFixtureModel(dir, { kind: "bert", words, dim: H });
  const V = fixture.vocab.length;
  const rand = createRng(42);
  const weights = (n: number, scale = 0.04): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rand() * 2 - 1) * scale;
    return a;
  };
  const inits: OnnxInitializer[] = [];
  const nodes: OnnxNode[] = [];
  const init = (name: string, dims: number[], data: Float32Array | BigInt64Array): string => {
    inits.push({ name, dims, data });
    return name;
  };
  const i64 = (name: string, values: number[], scalar = false): string =>
    init(name, scalar ? [] : [values.length], BigInt64Array.from(values.map(BigInt)));
  const f32 = (name: string, value: number): string => init(name, [], Float32Array.of(value));
  let counter = 0;
  const op = (opType: string, inputs: string[], attributes?: OnnxNode["attributes"]): string => {
    const out = `${opType.toLowerCase()}_${counter++}`;
    nodes.push({ opType, inputs, outputs: [out], attributes });
    return out;
  };
  const layerNorm = (x: string, prefix: string): string =>
    op("LayerNormalization", [x, init(`${prefix}.gamma`, [H], new Float32Array(H).fill(1)), init(`${prefix}.beta`, [H], new Float32Array(H))], {
      axis: -1,
      epsilon: { float: 1e-12 },
    });
  const linear = (x: string, prefix: string, inDim: number, outDim: number): string =>
    op("Add", [op("MatMul", [x, init(`${prefix}.weight`, [inDim, outDim], weights(inDim * outDim))]), init(`${prefix}.bias`, [outDim], weights(outDim, 0.01))]);

  // Embeddings: word (the fixture's table, so related words stay related at the input), position, token type.
  init("word_embeddings", [V, H], fixture.table);
  const shapeIds = op("Shape", ["input_ids"]);
  const seqLen = op("Gather", [shapeIds, i64("one_scalar", [1], true)], { axis: 0 });
  const positions = op("Range", [i64("zero_scalar", [0], true), seqLen, "one_scalar"]);
  const pos = op("Gather", [init("position_embeddings", [maxPositions, H], weights(maxPositions * H)), positions], { axis: 0 });
  const tok = op("Gather", [init("token_type_embeddings", [2, H], weights(2 * H)), "token_type_ids"], { axis: 0 });
  const word = op("Gather", ["word_embeddings", "input_ids"], { axis: 0 });
  let x = layerNorm(op("Add", [op("Add", [word, pos]), tok]), "embeddings.norm");

  // Additive attention mask [b, 1, 1, s]: 0 where attended, -10000 on padding.
  const maskF = op("Cast", ["attention_mask"], { to: OnnxType.FLOAT });
  const maskBias = op("Unsqueeze", [op("Mul", [op("Sub", [f32("one_f", 1), maskF]), f32("neg_big", -10000)]), i64("axes_1_2", [1, 2])]);
  const headsShape = i64("heads_shape", [0, 0, heads, headDim]);
  const mergedShape = i64("merged_shape", [0, 0, H]);
  const invSqrt = f32("inv_sqrt_d", 1 / Math.sqrt(headDim));

  for (let l = 0; l < layers; l++) {
    const p = `layer${l}`;
    const split = (name: string, perm: number[]): string =>
      op("Transpose", [op("Reshape", [linear(x, `${p}.${name}`, H, H), headsShape])], { perm });
    const q = split("query", [0, 2, 1, 3]);
    const k = split("key", [0, 2, 3, 1]);
    const v = split("value", [0, 2, 1, 3]);
    const scores = op("Add", [op("Mul", [op("MatMul", [q, k]), invSqrt]), maskBias]);
    const probs = op("Softmax", [scores], { axis: -1 });
    const context = op("Reshape", [op("Transpose", [op("MatMul", [probs, v])], { perm: [0, 2, 1, 3] }), mergedShape]);
    x = layerNorm(op("Add", [x, linear(context, `${p}.attention.output`, H, H)]), `${p}.attention.norm`);
    const up = linear(x, `${p}.intermediate`, H, I);
    // GELU (erf form): 0.5·x·(1 + erf(x/√2)).
    const gelu = op("Mul", [op("Mul", [up, f32(`${p}.half`, 0.5)]), op("Add", [f32(`${p}.one`, 1), op("Erf", [op("Mul", [up, f32(`${p}.inv_sqrt2`, Math.SQRT1_2)])])])]);
    x = layerNorm(op("Add", [x, linear(gelu, `${p}.output`, I, H)]), `${p}.output.norm`);
  }
  nodes.push({ opType: "Identity", inputs: [x], outputs: ["last_hidden_state"] });

  const ids = (name: string) => ({ name, elemType: OnnxType.INT64, shape: ["batch_size", "sequence_length"] });
  const onnx = encodeOnnxModel({
    name: "synthetic_bert_encoder",
    opset: 17,
    inputs: [ids("input_ids"), ids("attention_mask"), ids("token_type_ids")],
    outputs: [{ name: "last_hidden_state", elemType: OnnxType.FLOAT, shape: ["batch_size", "sequence_length", H] }],
    initializers: inits,
    nodes,
  });
  await writeFile(path.join(fixture.dir, "onnx", "model.onnx"), onnx);
  const config = {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: H,
    num_attention_heads: heads,
    num_hidden_layers: layers,
    intermediate_size: I,
    max_position_embeddings: maxPositions,
    vocab_size: V,
    pad_token_id: 0,
    type_vocab_size: 2,
  };
  await writeFile(path.join(fixture.dir, "config.json"), JSON.stringify(config, null, 2) + "\n");
  return fixture;
}
