"""A PyTorch training loop whose learning rate is decided by `anneal serve` workers.

It speaks the Redis protocol of @anneal/redis directly (docs/redis.md): it registers its
run, publishes its validation loss after every epoch, waits until a worker has committed
that observation, and applies the rate the monitor decided (a drop's or restart's `to`).

    python3 trainer.py --redis redis://localhost:6379 --run-id py-1 --log run.jsonl

Debian: apt-get install python3-torch python3-redis. The rates it applied are printed
and, with --log, the observations are written as a metrics log that
`anneal simulate monitor.json --metrics run.jsonl` replays to the same rates.
"""

import argparse
import hashlib
import json
import math
import os
import time

import redis
import torch

# The protocol's scripts, as docs/redis.md prints them (packages/redis/src/scripts.ts).
REGISTER_LUA = """
local existing = redis.call('HGET', KEYS[1], 'fingerprint')
if existing then
  if existing == ARGV[1] then return 0 end
  return existing
end
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'config', ARGV[2], 'published', 0, 'committed', -1)
return 1"""

OBSERVE_LUA = """
if redis.call('HEXISTS', KEYS[1], 'fingerprint') == 0 then return false end
local seq = redis.call('HINCRBY', KEYS[1], 'published', 1) - 1
local id = redis.call('XADD', KEYS[2], '*', 'run', ARGV[1], 'seq', seq, 'observation', ARGV[2])
return {seq, id}"""

PREFIX = "{anneal}:"


def wire(value):
    """JSON with NaN and infinities tagged as in monitor snapshots: {"$number": "NaN"}."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$number": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis", default=os.environ.get("ANNEAL_REDIS", "redis://localhost:6379"))
    parser.add_argument("--run-id", default="python-trainer")
    parser.add_argument("--config", default=os.path.join(os.path.dirname(__file__), "monitor.json"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--log", help="write the observations as a JSONL metrics log")
    parser.add_argument("--rates", help="write the rate in effect after each epoch, one JSON number a line")
    args = parser.parse_args()

    r = redis.Redis.from_url(args.redis, decode_responses=True)
    run_key, observations = f"{PREFIX}run:{args.run_id}", f"{PREFIX}observations"
    decisions_key = f"{PREFIX}decisions:{args.run_id}"

    with open(args.config) as f:
        config = json.load(f)
    config_text = json.dumps(config, sort_keys=True, separators=(",", ":"))
    # Any stable identity of the config will do for a client in another language.
    fingerprint = hashlib.sha256(config_text.encode()).hexdigest()[:16]
    registered = r.register_script(REGISTER_LUA)(keys=[run_key], args=[fingerprint, config_text])
    if registered not in (0, 1):
        raise SystemExit(f"run {args.run_id} is registered with another config ({registered})")
    publish = r.register_script(OBSERVE_LUA)

    # A small regression problem: noisy linear data, a two-layer network, plain SGD.
    torch.manual_seed(0)
    x = torch.randn(512, 8)
    y = x @ torch.randn(8, 1) + 0.3 * torch.randn(512, 1)
    x_train, y_train, x_val, y_val = x[:384], y[:384], x[384:], y[384:]
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
    lr = config["initialLearningRate"]
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.MSELoss()

    log = open(args.log, "w") if args.log else None
    rates = open(args.rates, "w") if args.rates else None
    step, last_id = 0, "0-0"
    for epoch in range(args.epochs):
        for group in optimizer.param_groups:
            group["lr"] = lr
        for i in range(0, len(x_train), 32):
            optimizer.zero_grad()
            loss_fn(model(x_train[i : i + 32]), y_train[i : i + 32]).backward()
            optimizer.step()
            step += 1
        with torch.no_grad():
            val_loss = loss_fn(model(x_val), y_val).item()
        observation = {"step": step, "epoch": epoch, "metrics": {"val_loss": val_loss}}
        if log:
            log.write(json.dumps(observation) + "\n")
        seq, _ = publish(keys=[run_key, observations], args=[args.run_id, json.dumps(wire(observation))])

        # Wait until a worker committed this observation, then read its decisions.
        while int(r.hget(run_key, "committed")) < seq:
            time.sleep(0.005)
        stopped = False
        for entry_id, fields in r.xrange(decisions_key, f"({last_id}" if last_id != "0-0" else "-", "+"):
            last_id = entry_id
            decision = json.loads(fields["decision"])
            if decision["type"] in ("drop", "restart"):
                lr = decision["to"]
                print(f"epoch {epoch}: {decision['type']} to {lr:g} ({decision['reason']})")
            elif decision["type"] == "stop":
                stopped = True
                print(f"epoch {epoch}: stop ({decision['reason']})")
        if rates:
            rates.write(json.dumps(lr) + "\n")
        print(f"epoch {epoch}: val_loss {val_loss:.5f}, lr {lr:g}")
        if stopped:
            break
    for f in (log, rates):
        if f:
            f.close()


if __name__ == "__main__":
    main()
