// s3rver ships no types; the part the artifact-store test uses.
declare module "s3rver" {
  export default class S3rver {
    constructor(options: { address?: string; port?: number; silent?: boolean; directory?: string; configureBuckets?: { name: string; configs: string[] }[] });
    run(): Promise<{ port: number; address: string }>;
    close(): Promise<void>;
  }
}
