// A minimal ONNX model writer: just enough of onnx.proto (ModelProto, GraphProto, NodeProto,
// TensorProto, ValueInfoProto, AttributeProto) to build the small fixture graphs the tests load
// through onnxruntime. Field numbers follow onnx/onnx.proto (IR version 8, opset 13).

import protobuf from "protobufjs";

const ONNX_SUBSET_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  int32 type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { int64 dim_value = 1; string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  Tensor tensor_type = 1;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

/** ONNX TensorProto.DataType values used here. */
export const OnnxType = { FLOAT: 1, INT64: 7 } as const;
export type OnnxElemType = (typeof OnnxType)[keyof typeof OnnxType];

/** ONNX AttributeProto.AttributeType values used here. */
const AttrType = { FLOAT: 1, INT: 2, FLOATS: 6, INTS: 7 } as const;

export type Dim = number | string;

export interface OnnxValueInfo {
  name: string;
  elemType: OnnxElemType;
  /** Fixed sizes as numbers, symbolic ones ("batch", "sequence") as strings. */
  shape: Dim[];
}

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: Record<string, number | number[] | { floats: number[] } | { float: number }>;
}

export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export interface OnnxGraph {
  name: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: OnnxInitializer[];
  nodes: OnnxNode[];
  /** Default 13. */
  opset?: number;
}

let root: protobuf.Root | undefined;
function schema(): protobuf.Root {
  root ??= protobuf.parse(ONNX_SUBSET_PROTO, { keepCase: true }).root;
  return root;
}

function valueInfo(v: OnnxValueInfo): Record<string, unknown> {
  return {
    name: v.name,
    type: {
      tensor_type: {
        elem_type: v.elemType,
        shape: { dim: v.shape.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function attribute(name: string, value: NonNullable<OnnxNode["attributes"]>[string]): Record<string, unknown> {
  if (typeof value === "number") return { name, type: AttrType.INT, i: value };
  if (Array.isArray(value)) return { name, type: AttrType.INTS, ints: value };
  if ("floats" in value) return { name, type: AttrType.FLOATS, floats: value.floats };
  return { name, type: AttrType.FLOAT, f: value.float };
}

function initializer(t: OnnxInitializer): Record<string, unknown> {
  const elemType = t.data instanceof Float32Array ? OnnxType.FLOAT : OnnxType.INT64;
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== expected) {
    throw new Error(`initializer ${t.name}: ${t.data.length} values for dims [${t.dims.join(", ")}]`);
  }
  // raw_data is little-endian; typed arrays are little-endian on every platform Node runs on.
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return { name: t.name, dims: t.dims, data_type: elemType, raw_data: raw };
}

/** Serialises a graph as an ONNX ModelProto (IR version 8). */
export function encodeOnnxModel(graph: OnnxGraph, producer = "toolrec-fixture"): Uint8Array {
  const ModelProto = schema().lookupType("onnx.ModelProto");
  const message = {
    ir_version: 8,
    producer_name: producer,
    producer_version: "1",
    opset_import: [{ domain: "", version: graph.opset ?? 13 }],
    graph: {
      name: graph.name,
      node: graph.nodes.map((n, i) => ({
        input: n.inputs,
        output: n.outputs,
        name: n.name ?? `${n.opType}_${i}`,
        op_type: n.opType,
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: graph.initializers.map(initializer),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  };
  const err = ModelProto.verify(message);
  if (err) throw new Error(`invalid ONNX model message: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}
