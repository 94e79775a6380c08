// Shared by the tfjs tests: the pure-JS CPU backend (tfjs-node cannot be installed
// everywhere), production mode (no debug checks), and deterministic weight init.
import * as tf from '@tensorflow/tfjs';

export async function useCpu(): Promise<typeof tf> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

export { tf };
