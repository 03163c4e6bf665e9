-- CreateTable
CREATE TABLE "impressions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "user_query" TEXT NOT NULL,
    "assistant_response" TEXT,
    "history" JSONB NOT NULL DEFAULT '[]',
    "desirable" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'ingest',
    "generator" TEXT,
    "ingested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "impressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "impression_suggestions" (
    "impression_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "logged_tool_id" TEXT,
    "resolved_tool_id" TEXT,
    "resolution" TEXT NOT NULL DEFAULT 'none',
    "exposed" BOOLEAN NOT NULL DEFAULT true,
    "clicked" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "impression_suggestions_pkey" PRIMARY KEY ("impression_id","position")
);

-- CreateTable
CREATE TABLE "case_studies" (
    "id" TEXT NOT NULL,
    "impression_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "case_studies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preference_datasets" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "window_from" TIMESTAMP(3),
    "window_to" TIMESTAMP(3),
    "config" JSONB NOT NULL,
    "tool_percentiles" JSONB NOT NULL,
    "sample_count" INTEGER NOT NULL,
    "desirable_count" INTEGER NOT NULL,
    "undesirable_count" INTEGER NOT NULL,
    "masked_count" INTEGER NOT NULL,
    "tool_invoking_count" INTEGER NOT NULL,
    "user_count" INTEGER NOT NULL,
    "mu" DOUBLE PRECISION NOT NULL,
    "s" DOUBLE PRECISION NOT NULL,
    "weight_sum" DOUBLE PRECISION NOT NULL,
    "effective_sample_size" DOUBLE PRECISION NOT NULL,
    "histograms" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,

    CONSTRAINT "preference_datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preference_samples" (
    "dataset_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "impression_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "desirable" BOOLEAN NOT NULL,
    "uctr" DOUBLE PRECISION NOT NULL,
    "tool_invoking" BOOLEAN NOT NULL,
    "tool_id" TEXT,
    "frequency_percentile" DOUBLE PRECISION,
    "w_u" DOUBLE PRECISION NOT NULL,
    "w_s" DOUBLE PRECISION NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "prompt" TEXT NOT NULL,
    "completion" TEXT NOT NULL,

    CONSTRAINT "preference_samples_pkey" PRIMARY KEY ("dataset_id","index")
);

-- CreateIndex
CREATE INDEX "impressions_timestamp_idx" ON "impressions"("timestamp");

-- CreateIndex
CREATE INDEX "impressions_user_id_timestamp_idx" ON "impressions"("user_id", "timestamp");

-- CreateIndex
CREATE INDEX "impression_suggestions_resolved_tool_id_idx" ON "impression_suggestions"("resolved_tool_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_studies_impression_id_key" ON "case_studies"("impression_id");

-- CreateIndex
CREATE INDEX "preference_samples_dataset_id_user_id_idx" ON "preference_samples"("dataset_id", "user_id");

-- AddForeignKey
ALTER TABLE "impression_suggestions" ADD CONSTRAINT "impression_suggestions_impression_id_fkey" FOREIGN KEY ("impression_id") REFERENCES "impressions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_impression_id_fkey" FOREIGN KEY ("impression_id") REFERENCES "impressions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preference_samples" ADD CONSTRAINT "preference_samples_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "preference_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

