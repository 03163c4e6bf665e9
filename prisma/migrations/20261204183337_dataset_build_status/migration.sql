-- CreateEnum
CREATE TYPE "PreferenceDatasetStatus" AS ENUM ('BUILDING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "preference_datasets" ADD COLUMN     "error" TEXT,
ADD COLUMN     "progress" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "status" "PreferenceDatasetStatus" NOT NULL DEFAULT 'READY';

