import { HybridRetriever, runRetrieval } from "../src/fusion.js";
import { catalogDocuments } from "../test-support/catalog.js";
const docs = catalogDocuments();
const u = new HybridRetriever(docs, { lexical: true });
const b = new HybridRetriever(docs, { lexical: { engine: "bm25" } });
const ex = [
  { userQuery: "My phone fell into the sink and the sound is all crackly now", assistantResponse: "Turn it off and let it dry completely before charging." },
  { userQuery: "we're boarding now, they said all devices off" },
  { userQuery: "I want to make a video of what I'm doing on my phone to show my mum" },
  { userQuery: "can you make it so my kid can't buy stuff in games" },
  { userQuery: "I'm driving, stop bothering me" },
  { userQuery: "what's the weather going to be like tomorrow" },
  { userQuery: "put on some radio" },
  { userQuery: "play the latest episode of my podcast" },
];
for (const d of ex) {
  const r1 = await runRetrieval(u, d, 5);
  const r2 = await runRetrieval(b, d, 5);
  console.log(`\n${d.userQuery}\n  new: ${r1.tools.map((t) => t.id).join(" ")}\n  old: ${r2.tools.map((t) => t.id).join(" ")}`);
}
