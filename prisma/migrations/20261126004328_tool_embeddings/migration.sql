-- CreateTable
CREATE TABLE "tool_embeddings" (
    "model_id" TEXT NOT NULL,
    "text_hash" TEXT NOT NULL,
    "dim" INTEGER NOT NULL,
    "vector" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tool_embeddings_pkey" PRIMARY KEY ("model_id","text_hash")
);

