"""Plain-PyTorch SASRec epoch timing, the reference for bench/SasRecEpochBench (same model and batches).

Model (docs/llmemb-method.md §4, our port): item emb * sqrt(H) + learned positions, dropout, 2 pre-LN blocks
(Q = LN(x); x = Q + MHA(Q, x, x) with causal + key-padding masks; x = LN(x); x = x + FFN(x); zero padding),
final LN eps 1e-8, sequence-to-sequence BCE with one negative per position. Adam 1e-3, batch 128, H = 64.
Prints "SECONDS_PER_EPOCH <mean over --epochs timed epochs after one warm-up>".
"""
import argparse
import math
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, h, dropout):
        super().__init__()
        self.ln1 = nn.LayerNorm(h, eps=1e-8)
        self.attn = nn.MultiheadAttention(h, 1, dropout=dropout, batch_first=True)
        self.ln2 = nn.LayerNorm(h, eps=1e-8)
        self.ff1 = nn.Linear(h, h)  # a 1x1 conv is a position-wise linear layer
        self.ff2 = nn.Linear(h, h)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, attn_mask, keep):
        q = self.ln1(x)
        a, _ = self.attn(q, x, x, attn_mask=attn_mask, need_weights=False)
        x = self.ln2(q + a)
        x = x + self.drop(self.ff2(F.relu(self.drop(self.ff1(x)))))
        return x * keep


class SASRec(nn.Module):
    def __init__(self, num_items, h, max_len, blocks=2, dropout=0.2):
        super().__init__()
        self.h = h
        self.item = nn.Embedding(num_items + 1, h, padding_idx=0)
        self.pos = nn.Embedding(max_len + 1, h)
        self.blocks = nn.ModuleList([Block(h, dropout) for _ in range(blocks)])
        self.last = nn.LayerNorm(h, eps=1e-8)
        self.drop = nn.Dropout(dropout)
        for p in self.parameters():
            if p.dim() >= 2:
                nn.init.xavier_normal_(p)

    def forward(self, ids):
        b, l = ids.shape
        keep = (ids != 0).unsqueeze(-1).float()
        pos = torch.arange(1, l + 1).unsqueeze(0) * (ids != 0).long()
        x = self.item(ids) * math.sqrt(self.h) + self.pos(pos)
        x = self.drop(x) * keep
        causal = torch.ones(l, l, dtype=torch.bool).tril()
        allowed = causal.unsqueeze(0) & (ids != 0).unsqueeze(1)
        mask = torch.zeros(b, l, l).masked_fill(~allowed, -1e9)
        for blk in self.blocks:
            x = blk(x, mask, keep)
        return self.last(x)


def left_pad(seq, length):
    seq = seq[-length:]
    return [0] * (length - len(seq)) + seq


def batches(train, num_items, max_len, batch, rng):
    users = list(range(len(train)))
    rng.shuffle(users)
    for s in range(0, len(users), batch):
        inp, pos, neg = [], [], []
        for u in users[s:s + batch]:
            seq, seen = train[u], set(train[u])
            p = left_pad(seq[1:], max_len)
            inp.append(left_pad(seq[:-1], max_len))
            pos.append(p)
            row = []
            for item in p:
                n = 0
                if item:
                    n = rng.randint(1, num_items)
                    while n in seen:
                        n = rng.randint(1, num_items)
                row.append(n)
            neg.append(row)
        yield torch.tensor(inp), torch.tensor(pos), torch.tensor(neg)


def epoch(model, opt, train, args, rng):
    model.train()
    for inp, pos, neg in batches(train, args.num_items, args.max_len, args.batch, rng):
        h = model(inp)
        table = model.item.weight
        pl = (h * table[pos]).sum(-1)
        nl = (h * table[neg]).sum(-1)
        m = (pos != 0).float()
        loss = (F.softplus(-pl) * m).sum() / m.sum() + (F.softplus(nl) * m).sum() / m.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="one user per line, space-separated training item ids")
    ap.add_argument("--num-items", type=int, required=True)
    ap.add_argument("--max-len", type=int, default=50)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    rng = random.Random(42)
    with open(args.data) as f:
        train = [[int(t) for t in line.split()] for line in f if line.strip()]
    model = SASRec(args.num_items, args.hidden, args.max_len)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    epoch(model, opt, train, args, rng)  # warm-up
    start = time.perf_counter()
    for _ in range(args.epochs):
        epoch(model, opt, train, args, rng)
    print("SECONDS_PER_EPOCH %.4f" % ((time.perf_counter() - start) / args.epochs), flush=True)


if __name__ == "__main__":
    main()
