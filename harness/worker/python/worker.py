"""netgrade's PyTorch worker: one fresh interpreter per submission.

It runs INSIDE the submission's process and knows nothing of the answer key: it imports
only the standard library, torch and the student's own files (it must never import
anything of the project; ./worker-imports-nothing-of-the-project.test.ts).
The grader (harness/sandbox/python-handle.ts) maps the student's parameters to the
canonical ones and judges every number; this file only constructs, runs and trains.

    python3 worker.py <submission dir> <template> <memory MB> <device> <threads>

Protocol: JSON lines. Requests on stdin `{"id", "op", "args"}`; answers on the
original stdout, which is kept for the protocol while fd 1 is pointed at stderr, so a
submission's `print` never reaches the grader as a message. Tensors are
`{"shape": [...], "values": [...]}` (row-major numbers; JSON keeps float64 exact).

| op | args | returns |
|---|---|---|
| `inspect` | {model, ctor, seed, dtype} | {names, shapes, owners, values, dtype} |
| `forward` | {model, ctor, dtype, state?, tokens, layout} | {output, kind, mutated} |
| `grads` | {model, ctor, dtype, state, tokens, targets, layout} | {loss, output, grads} |
| `train.begin` | {model, ctor, seed, optimizer, lr, maxNorm, layout} | {names} |
| `train.steps` | {batches: {count, B, T, width, tokens, targets}} (packed: adapter.ts packBatches) | {losses, ms} |
| `train.eval` | {ctor, tokens} | {output} |
| `train.state` | {} | {state} |
"""
import base64, sys, os, json, math, time, inspect as pyinspect, resource, traceback

PROTOCOL = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)  # the submission's prints go to stderr
sys.stdout = sys.stderr

DIR, TEMPLATE, MEMORY_MB, DEVICE, THREADS = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])

# file name and class name of every model, per template (pytorch-submissions.md)
FILES = {
    "2018": {"vanillaRNN": ("vanilla_rnn", "VanillaRNN"), "lstm": ("lstm", "LSTM")},
    "2019": {"vanillaRNN": ("vanilla_rnn", "VanillaRNN"), "lstm": ("lstm", "LSTM")},
    "2020": {"lstm": ("lstm", "LSTM"), "peepLSTM": ("peep_lstm", "peepLSTM"), "gru": ("gru", "GRU"), "biLSTM": ("bi_lstm", "biLSTM")},
}


def finite(v):
    """NaN and ±Inf as null: JSON has no such numbers (the grader reads null as NaN)."""
    return v if math.isfinite(v) else None


def send(message):
    PROTOCOL.write(json.dumps(message, allow_nan=False) + "\n")
    PROTOCOL.flush()


class Failure(Exception):
    """An op failure with the cause the grader reports (harness/worker/types.ts ErrorCause)."""

    def __init__(self, cause, message):
        super().__init__(message)
        self.cause = cause


try:
    import torch
except Exception as e:  # the grader checked torch before starting; this is a broken install
    send({"type": "load-failed", "error": {"cause": "load-failed", "name": "PyTorchRuntimeNotFound", "message": f"not graded: PyTorch runtime not found ({e})"}})
    sys.exit(0)

torch.set_num_threads(max(1, THREADS))
DEV = torch.device("cuda" if DEVICE == "cuda" and torch.cuda.is_available() else "cpu")

# ---- the fence: limits and an audit hook, set before any student code is imported -------
if MEMORY_MB > 0:  # on top of what the interpreter and torch have mapped already
    with open("/proc/self/status") as status:
        mapped = next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:")), 0)
    limit = mapped + MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

ALLOWED_READ = [os.path.realpath(DIR)] + sorted({os.path.realpath(p) for p in [sys.prefix, sys.base_prefix, os.path.dirname(os.__file__), os.path.dirname(torch.__file__)] + sys.path if p and os.path.isabs(p)})
ALLOWED_READ += ["/usr/lib/python3", "/usr/lib/python3.11", "/usr/local/lib/python3", "/dev/null", "/dev/urandom", "/proc/self", "/sys/devices/system/cpu"]
BLOCKED_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg",
                  "socket.connect", "socket.bind", "socket.__new__", "ctypes.dlopen", "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "shutil.rmtree"}


def audit(event, args):
    if event in BLOCKED_EVENTS:
        raise PermissionError(f"the PyTorch worker requires a submission that does not {event}, got a call to it")
    if event == "open":
        path, mode = args[0], args[1]
        if isinstance(path, int):
            return
        if isinstance(path, bytes):
            path = path.decode(errors="replace")
        if mode is not None and any(c in str(mode) for c in "wax+"):
            raise PermissionError(f"the PyTorch worker requires a submission that writes no files, got open({path!r}, {mode!r})")
        real = os.path.realpath(str(path))
        if not any(real == a or real.startswith(a.rstrip("/") + "/") for a in ALLOWED_READ):
            raise PermissionError(f"the PyTorch worker requires a submission that reads only its own files, got open({path!r})")


sys.addaudithook(audit)
sys.path.insert(0, DIR)
sys.dont_write_bytecode = True

# ---- loading ---------------------------------------------------------------------------
modules, problems = {}, {}


def load():
    started = time.perf_counter()
    table = FILES.get(TEMPLATE.split("-")[0])
    if table is None:
        raise Failure("load-failed", f"the PyTorch worker requires a template among 2018, 2019, 2020, got {TEMPLATE!r}")
    provides, files = [], {}
    for model, (file, cls) in table.items():
        if not os.path.isfile(os.path.join(DIR, file + ".py")):
            continue
        try:
            module = modules.get(file) or __import__(file)
            modules[file] = module
            found = getattr(module, cls, None)
            if not isinstance(found, type):
                problems[model] = ("not-submitted", f"{file}.py requires a class {cls}, got {'nothing' if found is None else type(found).__name__}")
            else:
                provides.append(model)
                files[model] = {"file": file + ".py", "class": cls, "parameters": list(pyinspect.signature(found.__init__).parameters)[1:]}
        except BaseException as e:  # a file that does not parse or fails at import: that model is not gradable
            where = f"{file}.py:{e.lineno}" if isinstance(e, SyntaxError) and e.lineno else f"{file}.py"
            problems[model] = ("load-failed", f"{where} could not be imported: {type(e).__name__}: {e}")
    return {"provides": provides, "files": files, "problems": {m: {"cause": c, "message": s} for m, (c, s) in problems.items()},
            "torch": torch.__version__, "device": str(DEV), "cuda": torch.cuda.is_available(),
            "deterministic": torch.are_deterministic_algorithms_enabled(), "ms": (time.perf_counter() - started) * 1000}


def model_class(model):
    if model in problems:
        cause, message = problems[model]
        raise Failure(cause, message)
    table = FILES[TEMPLATE.split("-")[0]]
    if model not in table:
        raise Failure("not-submitted", f"template {TEMPLATE} has no {model}")
    file, cls = table[model]
    if file not in modules:
        raise Failure("not-submitted", f"{file}.py is not submitted")
    return getattr(modules[file], cls)


# ---- construction, the way that year's train.py does it --------------------------------
DTYPES = {"float64": torch.float64, "float32": torch.float32}
instances = {}


def construct(model, ctor, dtype, seed=0):
    """The class called with the template's positional arguments; the device as torch.device, else as a string."""
    cls = model_class(model)
    names = list(pyinspect.signature(cls.__init__).parameters)[1:]
    head = [ctor["seq_length"], ctor["input_dim"], ctor["hidden"], ctor["classes"]]
    with_batch = "batch_size" in names or TEMPLATE.startswith("2020") or TEMPLATE == "2018"
    errors = []
    for device in (DEV, str(DEV)):
        args = head + ([ctor["batch"]] if with_batch else []) + [device]
        torch.set_default_dtype(DTYPES[dtype])
        torch.manual_seed(seed)
        try:
            return cls(*args).to(DEV)
        except NotImplementedError as e:
            raise Failure("not-submitted", f"{model} raises NotImplementedError (the template's stub){': ' + str(e) if str(e) else ''}")
        except Exception as e:
            errors.append(f"{type(e).__name__}: {e}")
        finally:
            torch.set_default_dtype(torch.float32)
    raise Failure("threw", f"{cls.__name__}({', '.join(map(str, head + (['batch_size'] if with_batch else []) + ['device']))}) requires the template's positional arguments to work, got {errors[-1]}")


def instance(model, ctor, dtype):
    key = (model, json.dumps(ctor, sort_keys=True), dtype)
    if key not in instances:
        if len(instances) > 32:
            instances.clear()
        instances[key] = construct(model, ctor, dtype)
    return instances[key]


def tensor(t):
    t = t.detach().to("cpu", torch.float64).contiguous()
    values = t.reshape(-1).tolist()
    if not torch.isfinite(t).all():
        values = [finite(v) for v in values]
    return {"shape": list(t.shape), "values": values}


def from_wire(w, dtype):
    return torch.tensor(w["values"], dtype=DTYPES[dtype], device=DEV).reshape(w["shape"])


def inputs(tokens, layout, dtype):
    """Integer tokens [B][T] as the layout a model accepts (what the templates' train.py produce)."""
    x = tokens.to(DEV) if isinstance(tokens, torch.Tensor) else torch.tensor(tokens, device=DEV)
    if layout.endswith("long"):
        x = x.long()
    else:
        x = x.to(DTYPES[dtype])
    return {"B,T": lambda: x, "B,T,long": lambda: x, "B,T,1": lambda: x.unsqueeze(2), "B,1,T": lambda: x.unsqueeze(1),
            "T,B": lambda: x.t().contiguous(), "T,B,1": lambda: x.t().unsqueeze(2).contiguous()}[layout]()


def pick(output, B, C):
    """The [B, C] tensor a forward returned, and what kind of output it was."""
    if isinstance(output, torch.Tensor):
        return output, "tensor"
    if isinstance(output, (tuple, list)):
        for i, o in enumerate(output):
            if isinstance(o, torch.Tensor) and list(o.shape) == [B, C]:
                return o, f"tuple[{i}]"
        raise Failure("bad-output", f"forward requires a tensor [B={B}, C={C}], got a {type(output).__name__} with no such element")
    raise Failure("bad-output", f"forward requires a tensor [B={B}, C={C}], got {type(output).__name__}")


def load_state(m, state, dtype):
    params = dict(m.named_parameters())
    with torch.no_grad():
        for name, w in state.items():
            if name not in params:
                raise Failure("bad-output", f"the grader's mapping requires a parameter {name}, got none of that name")
            params[name].copy_(from_wire(w, dtype).reshape(params[name].shape))


def run_forward(m, tokens, layout, dtype, ctor):
    B = len(tokens)
    try:
        out = m(inputs(tokens, layout, dtype))
    except NotImplementedError:
        raise Failure("not-submitted", "forward raises NotImplementedError (the template's stub)")
    return pick(out, B, ctor["classes"])


def snapshot(m):
    return {n: p.detach().clone() for n, p in m.named_parameters()}


def changed(m, before):
    now = dict(m.named_parameters())
    return sorted(n for n, t in before.items() if n not in now or now[n].shape != t.shape or not torch.equal(now[n].detach(), t))


def op_inspect(a):
    m = construct(a["model"], a["ctor"], a["dtype"], a.get("seed", 0))
    names, shapes, owners, values = [], [], [], {}
    modules_by_name = dict(m.named_modules())
    for name, p in m.named_parameters():
        names.append(name)
        shapes.append(list(p.shape))
        owner = modules_by_name.get(name.rsplit(".", 1)[0] if "." in name else "", m)
        owners.append(type(owner).__name__)
        values[name] = tensor(p)
    dtype = str(next(iter(m.parameters())).dtype).replace("torch.", "") if names else a["dtype"]
    return {"names": names, "shapes": shapes, "owners": owners, "values": values, "dtype": dtype}


def op_forward(a):
    m = instance(a["model"], a["ctor"], a["dtype"])
    if a.get("state"):
        load_state(m, a["state"], a["dtype"])
    before = snapshot(m)
    with torch.no_grad():
        out, kind = run_forward(m, a["tokens"], a["layout"], a["dtype"], a["ctor"])
    return {"output": tensor(out), "kind": kind, "dtype": str(out.dtype).replace("torch.", ""), "mutated": changed(m, before)}


def last_step_loss(out, targets):
    # mean last-step cross-entropy of log_softmax(output): logits and log-probabilities alike
    return torch.nn.functional.nll_loss(torch.log_softmax(out, dim=1), targets)


def op_grads(a):
    m = instance(a["model"], a["ctor"], a["dtype"])
    load_state(m, a["state"], a["dtype"])
    m.zero_grad(set_to_none=True)
    out, _ = run_forward(m, a["tokens"], a["layout"], a["dtype"], a["ctor"])
    loss = last_step_loss(out, torch.tensor(a["targets"], device=DEV).long())
    loss.backward()
    grads = {n: tensor(p.grad if p.grad is not None else torch.zeros_like(p)) for n, p in m.named_parameters()}
    return {"loss": finite(loss.item()), "output": tensor(out), "grads": grads}


# ---- training: the profile's optimizer on the batches the grader sends ------------------
training = {}


def op_train_begin(a):
    m = construct(a["model"], a["ctor"], "float32", a["seed"])
    opt = (torch.optim.Adam(m.parameters(), lr=a["lr"], betas=(0.9, 0.999), eps=1e-8) if a["optimizer"] == "adam"
           else torch.optim.RMSprop(m.parameters(), lr=a["lr"], alpha=0.99, eps=1e-8))
    training.clear()
    training.update(model=m, opt=opt, args=a, eval=None)
    return {"names": [n for n, _ in m.named_parameters()]}


def unpack(p):
    """The grader's packed chunk (adapter.ts packBatches): tokens [n, B, T] and targets [n, B] as int64 tensors."""
    dtype = torch.uint8 if p["width"] == 1 else torch.int32
    n, B, T = p["count"], p["B"], p["T"]
    tokens = torch.frombuffer(bytearray(base64.b64decode(p["tokens"])), dtype=dtype).long().view(n, B, T)
    targets = torch.frombuffer(bytearray(base64.b64decode(p["targets"])), dtype=dtype).long().view(n, B)
    return tokens, targets


def op_train_steps(a):
    m, opt, t = training["model"], training["opt"], training["args"]
    losses, ms = [], 0.0
    tokens, targets = unpack(a["batches"])
    for k in range(tokens.shape[0]):
        x = inputs(tokens[k], t["layout"], "float32")
        y = targets[k].to(DEV)
        started = time.perf_counter()
        opt.zero_grad()
        out, _ = pick(m(x), tokens.shape[1], t["ctor"]["classes"])
        loss = last_step_loss(out, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), t["maxNorm"])
        opt.step()
        value = loss.item()
        ms += (time.perf_counter() - started) * 1000
        losses.append(finite(value))
        if value != value or value in (float("inf"), float("-inf")):
            break
    return {"losses": losses, "ms": ms}


def op_train_eval(a):
    t = training["args"]
    if training["eval"] is None:  # a model sized by its batch_size gets an instance of the evaluation's size
        training["eval"] = construct(t["model"], a["ctor"], "float32", t["seed"])
    e = training["eval"]
    e.load_state_dict(training["model"].state_dict())
    with torch.no_grad():
        out, _ = run_forward(e, a["tokens"], t["layout"], "float32", a["ctor"])
    return {"output": tensor(out)}


def op_train_state(a):
    return {"state": {n: tensor(p) for n, p in training["model"].named_parameters()}}


OPS = {"inspect": op_inspect, "forward": op_forward, "grads": op_grads,
       "train.begin": op_train_begin, "train.steps": op_train_steps, "train.eval": op_train_eval, "train.state": op_train_state}


def main():
    try:
        info = load()
        send({"type": "loaded", "info": info, "ms": info["ms"]})
    except Failure as e:
        send({"type": "load-failed", "error": {"cause": e.cause, "name": "LoadFailed", "message": str(e)}})
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        started = time.perf_counter()
        try:
            value = OPS[request["op"]](request["args"])
            send({"type": "result", "id": request["id"], "status": "ok", "value": value, "ms": (time.perf_counter() - started) * 1000})
        except BaseException as e:
            cause = e.cause if isinstance(e, Failure) else "out-of-memory" if isinstance(e, MemoryError) else "permission" if isinstance(e, PermissionError) else "threw"
            stack = traceback.format_exc(limit=-4)
            send({"type": "result", "id": request["id"], "status": "errored", "ms": (time.perf_counter() - started) * 1000,
                  "error": {"cause": cause, "name": type(e).__name__, "message": str(e)[:4000], "stack": stack[-4000:]}})
            if isinstance(e, (SystemExit, KeyboardInterrupt)):
                return


main()
