import { clone, dispose, keep, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * Keeps one copy of a model's weights. A `clone` shares the variable's data buffer, and
 * training later assigns new buffers to the variables, so the copy stays as it was
 * without copying any numbers. Saving again disposes the copy it replaces.
 */
export class WeightKeeper {
  #saved: Tensor[] | null = null;
  #epoch = -1;

  get saved(): boolean {
    return this.#saved !== null;
  }

  /** Epoch of the saved copy (-1 when none). */
  get epoch(): number {
    return this.#epoch;
  }

  save(model: LayersModel, epoch: number): void {
    const copies = model.getWeights().map((weight) => keep(clone(weight)));
    this.dispose();
    this.#saved = copies;
    this.#epoch = epoch;
  }

  /** Writes the saved copy into the model; false when nothing was saved. */
  restore(model: LayersModel): boolean {
    if (this.#saved === null) return false;
    model.setWeights(this.#saved);
    return true;
  }

  dispose(): void {
    if (this.#saved !== null) dispose(this.#saved);
    this.#saved = null;
    this.#epoch = -1;
  }
}
