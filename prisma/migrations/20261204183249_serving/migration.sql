-- DropForeignKey
ALTER TABLE "model_version_registrations" DROP CONSTRAINT "model_version_registrations_run_id_fkey";

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "rate_limit_burst" INTEGER,
ADD COLUMN     "rate_limit_per_second" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "impressions" ADD COLUMN     "experiment_id" TEXT,
ADD COLUMN     "fallback_reason" TEXT,
ADD COLUMN     "model_version_id" TEXT,
ADD COLUMN     "prompt_template_version" TEXT,
ADD COLUMN     "retrieved_tools" JSONB;

-- AlterTable
ALTER TABLE "impression_suggestions" ADD COLUMN     "origin" TEXT;

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "training_run_id" TEXT,
    "base_model" TEXT,
    "adapter_path" TEXT,
    "notes" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "activated_at" TIMESTAMP(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- Hand-moved (issue 10): the training runs' registrations become model versions of kind openai
-- (one registry), then the old table goes.
INSERT INTO "model_versions" ("id", "name", "kind", "settings", "training_run_id", "base_model", "adapter_path", "created_by", "created_at")
SELECT r."id", r."name", 'openai',
       jsonb_build_object('kind', 'openai', 'baseUrl', 'http://127.0.0.1:8000/v1', 'model', r."name", 'api', 'completions',
                          'apiKeyEnv', NULL, 'temperature', 0.7, 'maxTokens', 256, 'timeoutMs', 1500),
       r."run_id", r."base_model", r."adapter_path", r."created_by", r."created_at"
FROM "model_version_registrations" r;

DROP TABLE "model_version_registrations";

-- CreateTable
CREATE TABLE "model_version_activations" (
    "id" SERIAL NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "activated_by" TEXT NOT NULL,
    "activated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rolled_back_at" TIMESTAMP(3),

    CONSTRAINT "model_version_activations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiments" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "control_model_version_id" TEXT NOT NULL,
    "notes" TEXT,
    "created_by" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMP(3),
    "stopped_by" TEXT,

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_arms" (
    "experiment_id" TEXT NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "experiment_arms_pkey" PRIMARY KEY ("experiment_id","model_version_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_name_key" ON "model_versions"("name");

-- CreateIndex
CREATE INDEX "model_versions_training_run_id_idx" ON "model_versions"("training_run_id");

-- CreateIndex
CREATE INDEX "experiments_started_at_idx" ON "experiments"("started_at");

-- CreateIndex
CREATE INDEX "impressions_source_timestamp_idx" ON "impressions"("source", "timestamp");

-- CreateIndex
CREATE INDEX "impressions_experiment_id_timestamp_idx" ON "impressions"("experiment_id", "timestamp");

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_training_run_id_fkey" FOREIGN KEY ("training_run_id") REFERENCES "training_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_version_activations" ADD CONSTRAINT "model_version_activations_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment_arms" ADD CONSTRAINT "experiment_arms_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment_arms" ADD CONSTRAINT "experiment_arms_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (issue 10): exactly one default version, at most one running experiment.
CREATE UNIQUE INDEX "model_versions_one_default" ON "model_versions" ((true)) WHERE "is_default";
CREATE UNIQUE INDEX "experiments_one_running" ON "experiments" ((true)) WHERE "status" = 'RUNNING';

-- The embedded baseline, the default of every database (servers can add and activate others).
INSERT INTO "model_versions" ("id", "name", "kind", "settings", "is_default", "activated_at", "created_by", "notes")
VALUES ('mv_grounded', 'grounded', 'grounded', '{"kind":"grounded"}', true, CURRENT_TIMESTAMP, 'migration',
        'The embedded non-LLM baseline: candidates from the retrieved tools plus general follow-ups.');
INSERT INTO "model_version_activations" ("model_version_id", "activated_by") VALUES ('mv_grounded', 'migration');
