-- CreateEnum
CREATE TYPE "TrainingRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "ApiRole" ADD VALUE 'WORKER';

-- CreateTable
CREATE TABLE "training_runs" (
    "id" TEXT NOT NULL,
    "status" "TrainingRunStatus" NOT NULL DEFAULT 'QUEUED',
    "dataset_id" TEXT NOT NULL,
    "base_model" TEXT NOT NULL,
    "hyperparameters" JSONB NOT NULL,
    "gpus" INTEGER NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "step" INTEGER NOT NULL DEFAULT 0,
    "total_steps" INTEGER,
    "metrics" JSONB,
    "error" TEXT,
    "log_tail" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requeues" INTEGER NOT NULL DEFAULT 0,
    "worker_id" TEXT,
    "lease_id" TEXT,
    "lease_expires_at" TIMESTAMP(3),
    "checkpoint" JSONB,
    "resumed_from_step" INTEGER,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_run_metrics" (
    "run_id" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "training_run_metrics_pkey" PRIMARY KEY ("run_id","step")
);

-- CreateTable
CREATE TABLE "training_run_artifacts" (
    "run_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_run_artifacts_pkey" PRIMARY KEY ("run_id","path")
);

-- CreateTable
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "capabilities" JSONB NOT NULL,
    "gpu_count" INTEGER NOT NULL,
    "models" TEXT[],
    "version" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMP(3),

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_version_registrations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "generator" TEXT NOT NULL DEFAULT 'openai',
    "base_model" TEXT NOT NULL,
    "adapter_path" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_version_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "training_runs_status_created_at_idx" ON "training_runs"("status", "created_at");

-- CreateIndex
CREATE INDEX "training_runs_created_at_id_idx" ON "training_runs"("created_at", "id");

-- CreateIndex
CREATE INDEX "workers_last_seen_at_idx" ON "workers"("last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "model_version_registrations_name_key" ON "model_version_registrations"("name");

-- CreateIndex
CREATE INDEX "model_version_registrations_run_id_idx" ON "model_version_registrations"("run_id");

-- AddForeignKey
ALTER TABLE "training_run_metrics" ADD CONSTRAINT "training_run_metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_run_artifacts" ADD CONSTRAINT "training_run_artifacts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_version_registrations" ADD CONSTRAINT "model_version_registrations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

