import { dirname } from "node:path";
import { findConfig, loadProject, type Project } from "../apps/project";

/**
 * Finds and loads the project's config and apps. The CLI then works in the config's folder, so
 * relative paths in the config (a SQLite file) mean the same wherever the command was typed.
 */
export function openProject(): Project {
  const configPath = findConfig();
  process.chdir(dirname(configPath));
  return loadProject(configPath);
}

/** Runs `fn` with the loaded project and closes its engine afterwards. */
export async function withProject<TResult>(fn: (project: Project) => Promise<TResult>): Promise<TResult> {
  const project = openProject();
  try {
    return await fn(project);
  } finally {
    await project.db.close();
  }
}
