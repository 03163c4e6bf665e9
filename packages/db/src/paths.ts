// Where the repository, its migrations and the local state folder are: @toolrec/config is the
// one place that locates the repository (issue 9 code item 1); re-exported for db's users.
export { dataDir, migrationsDir, repoRoot } from "@toolrec/config";
