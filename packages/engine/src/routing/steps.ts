import type { QueueConfig } from '../model/config.ts';
import type { EffectiveStep } from '../model/runtime.ts';

/** Folds a queue's routing steps into the requirements in force at each step (SPEC STP1). */
export function effectiveSteps(queue: QueueConfig): EffectiveStep[] {
  let skills = new Map(Object.entries(queue.skills));
  let sites: Set<string> | undefined = queue.sites ? new Set(queue.sites) : undefined;
  const steps: EffectiveStep[] = [
    { index: 0, afterMs: 0, skills, sites, raisePriority: 0, moveToQueue: undefined },
  ];
  for (const [i, step] of (queue.steps ?? []).entries()) {
    skills = new Map(skills);
    if (step.minProficiencyDelta) {
      for (const [skill, min] of skills) {
        skills.set(skill, Math.min(10, Math.max(1, min + step.minProficiencyDelta)));
      }
    }
    for (const [skill, min] of Object.entries(step.addSkills ?? {})) skills.set(skill, min);
    for (const skill of step.dropSkills ?? []) skills.delete(skill);
    if (step.addSites === 'network') sites = undefined;
    else if (step.addSites && sites) sites = new Set([...sites, ...step.addSites]);
    steps.push({
      index: i + 1,
      afterMs: step.afterSeconds * 1000,
      skills,
      sites,
      raisePriority: step.raisePriority ?? 0,
      moveToQueue: step.moveToQueue,
    });
  }
  return steps;
}
