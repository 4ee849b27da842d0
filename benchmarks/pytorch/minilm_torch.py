"""all-MiniLM-L6-v2 in plain torch.nn, read straight from the ONNX file of the langchain4j Maven jar.

A tiny protobuf wire-format reader takes the float initializers out of the ONNX graph (the 36 anonymous
MatMul weights, stored [in, out], are named after the MatMul node that consumes them); a minimal
uncased WordPiece gives token ids for the reference check; MiniLmClassifier is the BERT encoder
(6 layers, hidden 384, 12 heads, FFN 1536, erf-GELU, LayerNorm eps 1e-12) with masked mean pooling, LoRA
(y = x W^T + b + (alpha/r) x A^T B^T, A ~ kaiming_uniform(a=sqrt 5), B = 0) on the frozen base, and a
trainable linear head: the same model as Lorasim's DJL SentenceClassifier. Needs only torch and numpy.
"""
import math
import re
import unicodedata

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LAYERS, HIDDEN, HEADS, FFN, EPS = 6, 384, 12, 1536, 1e-12
CLS_ID, SEP_ID, UNK = 101, 102, "[UNK]"


# ---------------------------------------------------------------- protobuf wire format
def read_varint(buf, pos):
    result, shift = 0, 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def fields(buf):
    """Yields (field number, wire type, value) of one message; length-delimited values are memoryviews."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = read_varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = read_varint(buf, pos)
            value, pos = buf[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire} for field {number}")
        yield number, wire, value


def packed_varints(value, wire):
    if wire == 0:
        return [value]
    out, pos = [], 0
    while pos < len(value):
        v, pos = read_varint(value, pos)
        out.append(v)
    return out


def parse_tensor(buf):
    """TensorProto: 1 dims, 2 data_type, 4 float_data, 8 name, 9 raw_data. Float tensors only."""
    dims, dtype, name, raw, floats = [], None, None, None, []
    for number, wire, value in fields(buf):
        if number == 1:
            dims.extend(packed_varints(value, wire))
        elif number == 2:
            dtype = value
        elif number == 4:
            floats.append(np.frombuffer(value, dtype="<f4"))
        elif number == 8:
            name = bytes(value).decode()
        elif number == 9:
            raw = value
    if dtype != 1:
        return name, None
    data = np.frombuffer(raw, dtype="<f4") if raw is not None else np.concatenate(floats)
    return name, data.astype(np.float32).reshape(dims)


def parse_node(buf):
    inputs, outputs, name = [], [], ""
    for number, _, value in fields(buf):
        if number == 1:
            inputs.append(bytes(value).decode())
        elif number == 2:
            outputs.append(bytes(value).decode())
        elif number == 3:
            name = bytes(value).decode()
    return name, inputs, outputs


def read_onnx_weights(onnx_bytes):
    """All float initializers by name, the anonymous MatMul weights renamed after their consuming node."""
    model = memoryview(onnx_bytes)
    graph = next(v for n, _, v in fields(model) if n == 7)
    tensors, nodes = {}, []
    for number, _, value in fields(graph):
        if number == 5:
            name, array = parse_tensor(value)
            if array is not None:
                tensors[name] = array
        elif number == 1:
            nodes.append(parse_node(value))
    weights = {}
    for name, inputs, _ in nodes:
        m = re.fullmatch(r"/encoder/layer\.(\d+)/(.+)/MatMul", name)
        anon = next((i for i in inputs if i in tensors), None) if m else None
        if anon is not None:
            path = m.group(2).replace("/", ".")
            weights[f"encoder.layer.{m.group(1)}.{path}.weight"] = tensors.pop(anon)
    weights.update(tensors)
    return weights


# ---------------------------------------------------------------- WordPiece (BertTokenizer, uncased)
def basic_tokens(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    out = []
    for word in text.split():
        current = ""
        for c in word:
            cat = unicodedata.category(c)
            if cat.startswith("P") or (c.isascii() and not c.isalnum()):
                if current:
                    out.append(current)
                out.append(c)
                current = ""
            else:
                current += c
        if current:
            out.append(current)
    return out


def wordpiece_ids(text, vocab):
    ids = [CLS_ID]
    for word in basic_tokens(text):
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    break
                end -= 1
            if end == start:
                pieces = [vocab[UNK]]
                break
            pieces.append(vocab[piece])
            start = end
        ids.extend(pieces)
    ids.append(SEP_ID)
    return ids


# ---------------------------------------------------------------- model
class LoraLinear(nn.Module):
    """y = x W^T + b (frozen) [+ s B A x with A: r x in, B: out x r, s = alpha / r, trainable]."""

    def __init__(self, weight_in_out, bias):
        super().__init__()
        self.weight = nn.Parameter(torch.from_numpy(np.ascontiguousarray(weight_in_out.T)), requires_grad=False)
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()), requires_grad=False)
        self.lora_a = self.lora_b = None
        self.scaling = 0.0

    def attach_lora(self, rank, alpha):
        out_f, in_f = self.weight.shape
        self.lora_a = nn.Parameter(torch.empty(rank, in_f))
        self.lora_b = nn.Parameter(torch.zeros(out_f, rank))
        self.scaling = alpha / rank
        self.reset_lora()

    def reset_lora(self):
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))  # U(-1/sqrt(in), 1/sqrt(in))
        nn.init.zeros_(self.lora_b)

    def forward(self, x):
        y = F.linear(x, self.weight, self.bias)
        if self.lora_a is not None:
            y = y + F.linear(F.linear(x, self.lora_a), self.lora_b) * self.scaling
        return y


class BertLayer(nn.Module):
    def __init__(self, w, i):
        super().__init__()
        p = f"encoder.layer.{i}."

        def lin(name):
            return LoraLinear(w[p + name + ".weight"], w[p + name + ".bias"])

        def norm(name):
            ln = nn.LayerNorm(HIDDEN, eps=EPS)
            ln.weight = nn.Parameter(torch.from_numpy(w[p + name + ".weight"].copy()), requires_grad=False)
            ln.bias = nn.Parameter(torch.from_numpy(w[p + name + ".bias"].copy()), requires_grad=False)
            return ln

        self.query, self.key, self.value = (lin("attention.self." + n) for n in ("query", "key", "value"))
        self.attn_out, self.attn_norm = lin("attention.output.dense"), norm("attention.output.LayerNorm")
        self.ffn_in, self.ffn_out = lin("intermediate.dense"), lin("output.dense")
        self.ffn_norm = norm("output.LayerNorm")

    def forward(self, x, additive_mask):
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def heads(y):
            return y.view(b, t, HEADS, d).transpose(1, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + additive_mask
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        a = self.attn_norm(x + self.attn_out(context))
        return self.ffn_norm(a + self.ffn_out(F.gelu(self.ffn_in(a))))


class MiniLmClassifier(nn.Module):
    """Embeddings -> 6 BertLayers -> masked mean pooling -> linear head (logits)."""

    def __init__(self, w, classes=2):
        super().__init__()

        def frozen(name):
            return nn.Parameter(torch.from_numpy(w[name].copy()), requires_grad=False)

        self.word = frozen("embeddings.word_embeddings.weight")
        self.position = frozen("embeddings.position_embeddings.weight")
        self.token_type = frozen("embeddings.token_type_embeddings.weight")
        self.emb_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.emb_norm.weight = frozen("embeddings.LayerNorm.weight")
        self.emb_norm.bias = frozen("embeddings.LayerNorm.bias")
        self.layers = nn.ModuleList(BertLayer(w, i) for i in range(LAYERS))
        self.head = nn.Linear(HIDDEN, classes)

    def attach_lora(self, rank, alpha):
        for layer in self.layers:
            layer.query.attach_lora(rank, alpha)
            layer.value.attach_lora(rank, alpha)

    def reset_trainable(self):
        for layer in self.layers:
            layer.query.reset_lora()
            layer.value.reset_lora()
        self.head.reset_parameters()

    def pooled(self, ids, mask):
        t = ids.shape[1]
        x = self.word[ids] + self.position[:t] + self.token_type[0]
        x = self.emb_norm(x)
        additive = ((1.0 - mask[:, None, None, :]) * torch.finfo(torch.float32).min)
        for layer in self.layers:
            x = layer(x, additive)
        m = mask.unsqueeze(-1)
        return (x * m).sum(1) / m.sum(1).clamp(min=1e-9)

    def forward(self, ids, mask):
        return self.head(self.pooled(ids, mask))
