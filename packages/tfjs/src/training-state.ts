import { clone, dispose, keep, type Optimizer, type Tensor, type Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { getLearningRate, setLearningRate } from './optimizer-rate.js';

// A copy of everything training changes: the model's variables (trainable or not, so
// batch-norm moving statistics too) and the optimizer's state. tfjs optimizers keep that
// state in their own fields (tfjs-core 4.x, src/optimizers/*_optimizer.ts): numbers
// (`iterations_`, `learningRate`), variables (Adam's `accBeta1`, Adamax's `iteration`) and
// arrays of slots `{ originalName, variable }` (Adam's moments, Momentum's accumulations),
// filled lazily on the first step. `getWeights`/`setWeights` would not do: Adam's
// setWeights recomputes accBeta as beta^(t+1) rather than restoring the product it had,
// and it cannot take the slots back to "not created yet". So every field is copied as it
// is, and put back exactly: the same objects, the same bytes.
//
// A copy is a `clone`, which shares the variable's buffer (training assigns new buffers to
// the variables and leaves the old one to the copy), so saving copies no numbers.

interface Slot {
  readonly originalName: string;
  readonly variable: Variable;
}

type Field =
  | { readonly kind: 'plain'; readonly value: unknown }
  | { readonly kind: 'variable'; readonly variable: Variable; readonly copy: Tensor }
  | { readonly kind: 'slots'; readonly array: Slot[]; readonly slots: readonly Slot[]; readonly copies: readonly Tensor[] };

const isVariable = (value: unknown): value is Variable =>
  typeof value === 'object' && value !== null && typeof (value as Variable).assign === 'function' && 'trainable' in value;

const isSlot = (value: unknown): value is Slot =>
  typeof value === 'object' && value !== null && typeof (value as Slot).originalName === 'string' && isVariable((value as Slot).variable);

const isPlain = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function');

/** Variables a field holds now (to dispose those the test created). */
function variablesIn(value: unknown): Variable[] {
  if (isVariable(value)) return [value];
  if (Array.isArray(value)) return value.filter(isSlot).map((slot) => slot.variable);
  return [];
}

function saveField(value: unknown): Field | null {
  if (isVariable(value)) return { kind: 'variable', variable: value, copy: keep(clone(value)) };
  if (Array.isArray(value) && value.every(isSlot)) {
    const slots = [...value];
    return { kind: 'slots', array: value, slots, copies: slots.map((slot) => keep(clone(slot.variable))) };
  }
  if (isPlain(value)) return { kind: 'plain', value };
  // Other tensors (SGD's cached -lr scalar, Momentum's m) follow from the plain fields.
  return null;
}

/** A saved model and optimizer: `restore()` puts them back (as often as needed), `dispose()` frees the copy. */
export interface TrainingState {
  restore(): void;
  dispose(): void;
}

/**
 * Saves a compiled model's weights and its optimizer's whole state, to put both back
 * bit for bit after some training (a range test): every variable's bytes, the
 * optimizer's iteration count, slots and rate, and no slot the training created.
 *
 * @example
 * const state = saveTrainingState(model);
 * await model.trainOnBatch(xs, ys);
 * state.restore(); // as if that batch had never been
 * state.dispose();
 */
export function saveTrainingState(model: LayersModel): TrainingState {
  const optimizer = model.optimizer as Optimizer & Record<string, unknown>;
  const lr = getLearningRate(optimizer);
  const weights = model.weights.map((weight) => weight.read() as Variable);
  const weightCopies = weights.map((variable) => keep(clone(variable)));
  const keys = new Set(Object.keys(optimizer));
  const fields = new Map<string, Field>();
  for (const key of keys) {
    const field = saveField(optimizer[key]);
    if (field !== null) fields.set(key, field);
  }
  let disposed = false;

  function restoreOptimizer(): void {
    // First the rate through its setter (SGD rebuilds its cached scalar), then the fields.
    setLearningRate(optimizer, lr);
    for (const key of Object.keys(optimizer)) {
      if (keys.has(key)) continue;
      // A field the training added (iterations_ on a first step): gone again.
      for (const variable of variablesIn(optimizer[key])) variable.dispose();
      delete optimizer[key];
    }
    for (const [key, field] of fields) {
      if (field.kind === 'plain') {
        optimizer[key] = field.value;
      } else if (field.kind === 'variable') {
        field.variable.assign(field.copy);
        optimizer[key] = field.variable;
      } else {
        const kept = new Set(field.slots.map((slot) => slot.variable));
        for (const variable of variablesIn(optimizer[key])) if (!kept.has(variable)) variable.dispose();
        field.slots.forEach((slot, i) => slot.variable.assign(field.copies[i] as Tensor));
        field.array.length = 0;
        field.array.push(...field.slots);
        optimizer[key] = field.array;
      }
    }
  }

  return {
    restore() {
      if (disposed) throw new Error('saveTrainingState: restore() after dispose()');
      weights.forEach((variable, i) => variable.assign(weightCopies[i] as Tensor));
      restoreOptimizer();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      dispose(weightCopies);
      for (const field of fields.values()) {
        if (field.kind === 'variable') dispose(field.copy);
        if (field.kind === 'slots') dispose([...field.copies]);
      }
    },
  };
}
