// toolrec: the project's command line. Each command is a module under commands/.
import { ToolRecError, ValidationError } from "@toolrec/core";
import { toolkitCommand } from "./commands/toolkit.js";
import { ktoLossCommand } from "./commands/kto-loss.js";
import { ingestCommand } from "./commands/ingest.js";
import { simulateCommand } from "./commands/simulate.js";
import { datasetCommand } from "./commands/dataset.js";
import { evalCommand, modelsCommand } from "./commands/models.js";
import { workerCommand } from "./commands/worker.js";
import { experimentCommand } from "./commands/experiment.js";

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Command[] = [toolkitCommand, ktoLossCommand, modelsCommand, evalCommand, ingestCommand, simulateCommand, datasetCommand, workerCommand, experimentCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ["usage: toolrec <command> [options]", "", ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), "", "toolrec <command> --help for a command's options"].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`toolrec: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  // The worker prints its own options (it runs as a process of its own).
  if ((rest.includes("--help") || rest.includes("-h")) && command !== workerCommand) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    // By class: bad input names its field; every other project error (not found, conflict,
    // a model hub out of reach) says what happened. Anything else is a bug and throws.
    if (err instanceof ValidationError) {
      const prefixed = err.message.startsWith(`${err.field}: `) || err.message.startsWith(`--${err.field}`);
      console.error(`toolrec ${name}: ${prefixed ? "" : `${err.field}: `}${err.message}`);
      return 1;
    }
    if (err instanceof ToolRecError) {
      console.error(`toolrec ${name}: ${err.message}`);
      return 1;
    }
    if ((err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || (err as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      console.error(`toolrec ${name}: ${(err as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}
