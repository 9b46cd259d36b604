/**
 * Collects what a smoke run saw (Pod statuses, Events, container logs, vcluster syncer logs) and
 * writes it to the evidence directory, which the action exposes for actions/upload-artifact.
 * The same texts feed the signature matcher, so what a finding quotes is what the files hold.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ClusterClient, ClusterEvent, PodSummary } from './cluster-client.js'
import type { EvidenceText } from './signatures.js'

export interface NamespaceEvidence {
  pods: PodSummary[]
  events: ClusterEvent[]
  logs: Record<string, string>
}

/** Reads Pods, Events and logs of one namespace. Parts that cannot be read are noted, not fatal. */
export async function collectNamespaceEvidence(client: ClusterClient, namespace: string): Promise<NamespaceEvidence> {
  const pods = await client.listPods(namespace).catch(() => [] as PodSummary[])
  const events = await client.listEvents(namespace).catch(() => [] as ClusterEvent[])
  const logs: Record<string, string> = {}
  for (const pod of pods) {
    // A container that never started has no log; the API answers 400, which is evidence too.
    logs[pod.name] = await client.podLogs(namespace, pod.name).catch((error: unknown) => `(no log: ${error instanceof Error ? error.message : String(error)})`)
  }
  return { pods, events, logs }
}

/** The texts the signatures are matched against. */
export function evidenceTexts(evidence: NamespaceEvidence, extra: Record<string, string> = {}): EvidenceText[] {
  const texts: EvidenceText[] = []
  for (const event of evidence.events) {
    texts.push({ source: `event ${event.involvedObject.kind}/${event.involvedObject.name} ${event.reason}`, text: event.message })
  }
  for (const pod of evidence.pods) {
    for (const c of pod.containerStatuses) {
      if (c.message) texts.push({ source: `pod ${pod.name} container ${c.name} ${c.reason ?? c.state}`, text: c.message })
    }
    for (const condition of pod.conditions) {
      if (condition.message) texts.push({ source: `pod ${pod.name} condition ${condition.type}`, text: condition.message })
    }
  }
  for (const [pod, log] of Object.entries(evidence.logs)) texts.push({ source: `log ${pod}`, text: log })
  for (const [source, text] of Object.entries(extra)) texts.push({ source, text })
  return texts
}

/** Writes the evidence files; returns their names relative to `dir`. */
export async function writeEvidence(
  dir: string,
  evidence: NamespaceEvidence,
  extra: Record<string, string>,
  summary: unknown
): Promise<string[]> {
  await mkdir(join(dir, 'logs'), { recursive: true })
  const files: Array<[string, string]> = [
    ['summary.json', JSON.stringify(summary, null, 2)],
    ['pods.json', JSON.stringify(evidence.pods, null, 2)],
    ['events.json', JSON.stringify(evidence.events, null, 2)],
    ...Object.entries(evidence.logs).map(([pod, log]): [string, string] => [`logs/${safeName(pod)}.log`, log]),
    ...Object.entries(extra).map(([name, text]): [string, string] => [`logs/${safeName(name)}.log`, text])
  ]
  for (const [name, content] of files) await writeFile(join(dir, name), content.endsWith('\n') ? content : `${content}\n`)
  return files.map(([name]) => name)
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_')
}
