# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A small training pipeline
#
# Fits a linear model to synthetic house prices with gradient
# descent, evaluates it on held-out rows, and saves the model, its
# metrics and a plot of the training loss.
#
# An ordinary script: `python3 examples/pipeline.py` runs it top to
# bottom in a couple of seconds. In JupyterLab, `pipeline.ipynb`
# drives its cells one at a time with the cellscript sidebar: change
# a parameter, re-run only `Train` and `Evaluate`, look at the plot.

# %% Setup
import json
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

# Results go next to the script, wherever it is run from.
HERE = Path(globals().get("__file__", "pipeline.py")).resolve().parent

# %% Parameters tags=["parameters"]
learning_rate = 0.05  # type: float  step size of gradient descent
epochs = 200  # type: int  passes over the training rows
n_samples = 500  # type: int  rows of synthetic data
noise = 0.3  # type: float  standard deviation of the price noise
test_fraction = 0.2  # type: float  share of rows held out for evaluation
seed = 7  # type: int  random seed, for reproducible runs
output_dir = "results"  # type: str  folder for the model, metrics and plot

# %% Load data tags=["data"]
feature_names = ["size", "rooms", "age"]
true_weights = np.array([3.0, -2.0, 0.5])
true_bias = 1.5

rng = np.random.default_rng(seed)
features = rng.normal(size=(n_samples, len(feature_names)))
prices = features @ true_weights + true_bias + rng.normal(scale=noise, size=n_samples)

n_test = int(n_samples * test_fraction)
order = rng.permutation(n_samples)
X_test, y_test = features[order[:n_test]], prices[order[:n_test]]
X_train, y_train = features[order[n_test:]], prices[order[n_test:]]
print(f"{len(X_train)} training rows, {len(X_test)} test rows")
print(f"features: {', '.join(feature_names)}")


# %% Train tags=["train", "slow"]
def mean_squared_error(weights, bias, X, y):
    """Mean squared error of the linear model (weights, bias) on rows X with targets y."""
    return float(np.mean((X @ weights + bias - y) ** 2))


weights = np.zeros(len(feature_names))
bias = 0.0
losses = []
started = time.perf_counter()
for epoch in range(epochs):
    error = X_train @ weights + bias - y_train
    weights -= learning_rate * 2 * X_train.T @ error / len(y_train)
    bias -= learning_rate * 2 * float(error.mean())
    losses.append(mean_squared_error(weights, bias, X_train, y_train))
train_seconds = time.perf_counter() - started
print(f"{epochs} epochs in {train_seconds:.3f} s; final training loss {losses[-1]:.4f}")

# %% Evaluate tags=["report"]
test_mse = mean_squared_error(weights, bias, X_test, y_test)
r_squared = 1 - test_mse / float(np.var(y_test))
metrics = {
    "test_mse": round(test_mse, 4),
    "r_squared": round(r_squared, 4),
    "final_train_loss": round(losses[-1], 4),
    "epochs": epochs,
    "learning_rate": learning_rate,
}
print(json.dumps(metrics))

comparison = pd.DataFrame(
    {"true": np.append(true_weights, true_bias), "learned": np.append(weights, bias)},
    index=feature_names + ["bias"],
).round(3)

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(losses)
ax.set(xlabel="epoch", ylabel="training MSE", yscale="log", title="Training loss")
fig.tight_layout()

comparison

# %% Save tags=["output"]
out = HERE / output_dir
out.mkdir(exist_ok=True)
model = {"features": feature_names, "weights": weights.tolist(), "bias": bias}
(out / "model.json").write_text(json.dumps(model, indent=2) + "\n")
(out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
fig.savefig(out / "loss.png", dpi=100)
print(f"saved model.json, metrics.json and loss.png to {out}")
