// A checkpoint on disk: the model with its optimizer state (tf.io.withSaveHandler, so
// the pure-JS tfjs needs no file:// handler) and the callback's snapshot, written to
// temporary names and renamed, so a process killed while saving leaves the previous
// checkpoint whole.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSnapshot } from '@anneal/monitor';
import * as tf from '@tensorflow/tfjs';

const files = { model: 'model.json', weights: 'weights.bin', snapshot: 'anneal.json' };

function writeAtomically(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Saves the model (weights and optimizer state) and the snapshot into `dir`. */
export async function saveCheckpoint(dir: string, model: tf.LayersModel, snapshot: RunSnapshot): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, ...rest } = artifacts;
      const buffers = Array.isArray(weightData) ? weightData : [weightData as ArrayBuffer];
      writeAtomically(join(dir, files.weights), Buffer.concat(buffers.map((b) => Buffer.from(b))));
      writeAtomically(join(dir, files.model), JSON.stringify(rest));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  writeAtomically(join(dir, files.snapshot), JSON.stringify(snapshot)); // last: it names a model already on disk
}

/** The checkpoint in `dir`, or null when there is none yet. */
export async function loadCheckpoint(dir: string): Promise<{ model: tf.LayersModel; snapshot: unknown } | null> {
  if (!existsSync(join(dir, files.snapshot))) return null;
  const artifacts = JSON.parse(readFileSync(join(dir, files.model), 'utf8')) as tf.io.ModelArtifacts;
  const bytes = readFileSync(join(dir, files.weights));
  artifacts.weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts)); // compiled, optimizer state restored
  return { model, snapshot: JSON.parse(readFileSync(join(dir, files.snapshot), 'utf8')) };
}
