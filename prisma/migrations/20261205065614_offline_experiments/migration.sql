-- CreateEnum
CREATE TYPE "OfflineExperimentStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "offline_experiments" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "k" INTEGER NOT NULL,
    "user_model" JSONB NOT NULL,
    "arms" JSONB NOT NULL,
    "control_model_version_id" TEXT NOT NULL,
    "status" "OfflineExperimentStatus" NOT NULL DEFAULT 'RUNNING',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "result" JSONB,
    "duration_ms" DOUBLE PRECISION,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offline_experiments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "offline_experiments_created_at_idx" ON "offline_experiments"("created_at");
