// Retrieval (issue #5): retrievalPreview (the contract's, with per-stage scores and stage
// toggles), the index's status, the local models, the latest dev-set evaluation and the impact
// of an unsaved tool edit on the dev set.
import { NotFoundError, ValidationError } from "@toolrec/core";
import { validateToolInput, type ApiRole, type Tool, type ToolPatch } from "@toolrec/db";
import { listLocalModels, previewToolEdit, type Dialogue, type DialogueImpact, type DevsetItem, type MetricSummary } from "@toolrec/retrieval";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import { toolDocument, type PreviewTool, type StageToggles } from "../retrieval/service.js";

/** The contract: SERVICE may preview retrieval; so may ADMIN, CURATOR and ENGINEER (console). */
const CAN_PREVIEW: readonly ApiRole[] = ["ADMIN", "CURATOR", "ENGINEER", "SERVICE"];
/** The work list shows dev-set dialogues: for the people who curate and tune, not for services. */
const CAN_READ_MISSES: readonly ApiRole[] = ["ADMIN", "CURATOR", "ENGINEER"];

interface DialogueArg {
  userQuery: string;
  assistantResponse?: string | null;
  history?: { role: "USER" | "ASSISTANT"; content: string }[] | null;
}

function toDialogue(d: DialogueArg): Dialogue {
  return { userQuery: d.userQuery, assistantResponse: d.assistantResponse ?? null, history: d.history ?? [] };
}

const stageName = (s: string) => s.toUpperCase() as "LEXICAL" | "DENSE" | "RERANK";

interface EvalFile {
  generatedAt?: string;
  catalog?: { source?: string; tools?: number };
  devset?: { path?: string; dialogues?: number };
  retrievers?: {
    label?: string;
    retriever?: string;
    default?: boolean;
    latencyMs?: { p50?: number; p95?: number; mean?: number };
    overall?: Partial<MetricSummary>;
    byCategory?: Record<string, Partial<MetricSummary>>;
    byKind?: Record<string, Partial<MetricSummary>>;
  }[];
}

function metrics(m: Partial<MetricSummary> | undefined): MetricSummary {
  return { n: m?.n ?? 0, recallAt1: m?.recallAt1 ?? 0, recallAt5: m?.recallAt5 ?? 0, recallAt10: m?.recallAt10 ?? 0, ndcgAt5: m?.ndcgAt5 ?? 0, mrr: m?.mrr ?? 0 };
}

function groups(g: Record<string, Partial<MetricSummary>> | undefined) {
  return Object.entries(g ?? {}).map(([name, m]) => ({ name, metrics: metrics(m) }));
}

/** The evaluation file in the GraphQL shape (null without retrievers). */
export function evaluationView(file: unknown) {
  const e = file as EvalFile | null;
  if (!e || !Array.isArray(e.retrievers) || e.retrievers.length === 0) return null;
  const retrievers = e.retrievers.map((r, i) => ({
    label: r.label ?? r.retriever ?? `retriever ${i + 1}`,
    retriever: r.retriever ?? r.label ?? "",
    isDefault: r.default ?? i === 0,
    latencyMs: { p50: r.latencyMs?.p50 ?? 0, p95: r.latencyMs?.p95 ?? 0, mean: r.latencyMs?.mean ?? 0 },
    overall: metrics(r.overall),
    byCategory: groups(r.byCategory),
    byKind: groups(r.byKind),
  }));
  const def = retrievers.find((r) => r.isDefault) ?? retrievers[0]!;
  return {
    generatedAt: e.generatedAt ?? new Date(0).toISOString(),
    catalogTools: e.catalog?.tools ?? 0,
    catalogSource: e.catalog?.source ?? "",
    devsetDialogues: e.devset?.dialogues ?? def.overall.n,
    devsetPath: e.devset?.path ?? "",
    overall: def.overall,
    byCategory: def.byCategory,
    byKind: def.byKind,
    retrievers,
  };
}

function impactDialogue(d: DialogueImpact, item: DevsetItem | undefined, toolId: string) {
  return {
    id: d.id,
    category: d.category,
    kind: d.kind,
    userQuery: item?.dialogue.userQuery ?? "",
    assistantResponse: item?.dialogue.assistantResponse ?? null,
    relevant: d.relevant,
    toolRelevant: d.relevant.includes(toolId),
    before: d.before,
    after: d.after,
    gained: d.gained,
    lost: d.lost,
  };
}

export const retrievalResolvers = {
  Query: {
    async retrievalPreview(
      _: unknown,
      args: { dialogue: DialogueArg; topN?: number | null; config?: StageToggles | null },
      ctx: Context,
    ) {
      requireRole(ctx.viewer, CAN_PREVIEW);
      const topN = args.topN ?? 5;
      const result = await ctx.retrieval.preview(toDialogue(args.dialogue), topN, args.config ?? {});
      // The rows the ranking was computed from (read by the same sync, no query per request);
      // a tool that left the snapshot since is skipped.
      const rows = ctx.retrieval.toolRows();
      const tools: (PreviewTool & { tool: Tool })[] = [];
      for (const t of result.tools) {
        const tool = rows.get(t.id);
        if (tool) tools.push({ ...t, rank: tools.length + 1, tool });
      }
      return {
        retriever: result.retriever,
        tools: tools.map((t) => ({
          rank: t.rank,
          score: t.score,
          tool: t.tool,
          matchedTerms: t.matchedTerms,
          stages: {
            lexical: t.stages.lexical ?? null,
            utterance: t.stages.utterance ?? null,
            context: t.stages.context ?? null,
            prior: t.stages.prior ?? null,
            clicks: t.stages.clicks ?? null,
            classifier: t.stages.classifier ?? null,
            dense: t.stages.dense ?? null,
            rerank: t.stages.rerank ?? null,
            fused: t.stages.fused ?? null,
          },
        })),
        latencyMs: {
          total: result.latencyMs.total,
          query: result.latencyMs.query ?? null,
          lexical: result.latencyMs.lexical ?? null,
          dense: result.latencyMs.dense ?? null,
          fuse: result.latencyMs.fuse ?? null,
          rerank: result.latencyMs.rerank ?? null,
        },
        query: result.query,
        stagesUsed: result.stagesUsed,
      };
    },

    retrievalStatus(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN_PREVIEW);
      const s = ctx.retrieval.status();
      return {
        ...s,
        stages: s.stages.map((st) => ({ ...st, name: stageName(st.name) })),
        classifier: s.classifier && { ...s.classifier, state: s.classifier.state.toUpperCase() },
      };
    },

    async retrievalModels(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN_PREVIEW);
      const status = ctx.retrieval.status();
      const inUse = new Map<string, "DENSE" | "RERANK">();
      for (const st of status.stages) if (st.model && st.name !== "lexical") inUse.set(st.model, stageName(st.name) as "DENSE" | "RERANK");
      const models = await listLocalModels(ctx.retrieval.modelsDir);
      return models.map((m) => ({
        id: m.id,
        family: m.family,
        role: m.role,
        modelType: m.modelType,
        pooling: m.pooling ?? null,
        dtypes: m.variants.map((v) => v.dtype),
        sizeBytes: m.sizeBytes,
        inUse: inUse.get(m.id) ?? null,
      }));
    },

    retrievalEvaluation(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN_PREVIEW);
      return evaluationView(ctx.retrieval.readEvaluation());
    },

    async retrievalMisses(_: unknown, args: { k?: number | null; category?: string | null; toolId?: string | null }, ctx: Context) {
      requireRole(ctx.viewer, CAN_READ_MISSES);
      const k = args.k ?? 5;
      if (!Number.isInteger(k) || k < 1 || k > 20) throw new ValidationError("k", "k must be an integer from 1 to 20");
      const result = await ctx.retrieval.misses(k, { category: args.category, toolId: args.toolId });
      return {
        k,
        dialogues: result.dialogues,
        heldOut: result.heldOut,
        recallAtK: result.recallAtK,
        total: result.misses.length,
        misses: result.misses.map((m) => ({
          id: m.item.id,
          category: m.item.category,
          kind: m.item.kind,
          userQuery: m.item.dialogue.userQuery,
          assistantResponse: m.item.dialogue.assistantResponse ?? null,
          history: (m.item.dialogue.history ?? []).map((t) => ({ role: t.role.toUpperCase(), content: t.content })),
          relevant: m.relevant,
          top: m.top,
        })),
      };
    },

    async toolEditImpact(_: unknown, { id, input }: { id: string; input: ToolPatch }, ctx: Context) {
      requireRole(ctx.viewer, CAN.writeTools);
      const errors = validateToolInput(input, true);
      if (errors.length) throw ValidationError.fromFieldErrors(errors);
      const stored = await ctx.db.tool.findUnique({ where: { id } });
      if (!stored) throw new NotFoundError("tool", id);
      if (input.categoryId != null && !(await ctx.db.category.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) {
        throw new ValidationError("categoryId", `unknown category "${input.categoryId}"`);
      }
      await ctx.retrieval.settled();
      const docs = ctx.retrieval.documents();
      const current = docs.find((d) => d.id === id) ?? toolDocument(stored);
      const edited = toolDocument({
        id,
        name: input.name ?? current.name,
        description: input.description ?? current.description,
        canonicalQuery: input.canonicalQuery ?? current.canonicalQuery,
        utterances: input.utterances ?? current.utterances,
        situations: (input as { situations?: string[] | null }).situations ?? current.situations,
        categoryId: input.categoryId ?? current.categoryId,
        invocationCount: current.invocationCount,
      });
      const enabledAfter = input.enabled ?? stored.enabled;
      const { items: devset, heldOut } = ctx.retrieval.tuneDevset();
      // Both sides use the model the API serves now: nothing trains inside the request.
      const classifierModel = ctx.retrieval.servingClassifier() ?? undefined;
      const lexical = classifierModel ? { classifierModel } : {};
      const report = await previewToolEdit(docs, enabledAfter ? edited : null, devset, enabledAfter ? { lexical } : { lexical, removedId: id });
      const byId = new Map(devset.map((d) => [d.id, d]));
      const view = (d: DialogueImpact) => impactDialogue(d, byId.get(d.id), id);
      return {
        toolId: id,
        k: report.k,
        dialogues: report.dialogues,
        heldOut,
        recallBefore: report.recallBefore,
        recallAfter: report.recallAfter,
        improved: report.improved,
        worsened: report.worsened,
        gained: report.changed.filter((d) => d.gained.includes(id)).map(view),
        lost: report.changed.filter((d) => d.lost.includes(id)).map(view),
        changed: report.changed.map(view),
      };
    },
  },

  RetrievalMisses: {
    items(parent: { misses: unknown[] }, { first }: { first?: number | null }) {
      const n = first ?? 50;
      if (!Number.isInteger(n) || n < 1 || n > 200) throw new ValidationError("first", "first must be an integer from 1 to 200");
      return parent.misses.slice(0, n);
    },
  },
};
