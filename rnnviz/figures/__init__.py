"""Plotly figure builders: data in (arrays, DataFrames, Traces), `go.Figure` out, no randomness.

Every builder takes `projector=True` for larger fonts and thicker lines; how things look is set
in one place, `style.py`.
    gradients   grad_flow, grad_flow_animation, jacobian_profile
    training    training_curves, grad_norm_curve
    states      state_heatmap, gate_heatmaps, saturation_scatter, pca_trajectory
    unroll      unroll_step
    analytic    eigenvalues, activation_functions
    text        text_heat_html (an HTML string, not a figure)
    attention   attention_heatmap, attention_animation, bottleneck_map, encoder_gradient, length_accuracy
    connectivity  connectivity_text, connectivity_distance, itemised_bars
    generation  next_word_bars, marginals_heatmap, schedule_curves, rollout_errors
"""

from .analytic import activation_functions, eigenvalues
from .attention import attention_animation, attention_heatmap, bottleneck_map, encoder_gradient, length_accuracy
from .connectivity import connectivity_distance, connectivity_text, itemised_bars
from .generation import marginals_heatmap, next_word_bars, rollout_errors, schedule_curves
from .gradients import grad_flow, grad_flow_animation, jacobian_profile
from .states import gate_heatmaps, pca_trajectory, saturation_scatter, state_heatmap
from .style import CELL_COLORS, PALETTE, apply_theme, legend_below
from .text import text_heat_html
from .training import grad_norm_curve, training_curves
from .unroll import unroll_step

__all__ = [
    "CELL_COLORS", "PALETTE", "apply_theme", "legend_below",
    "grad_flow", "grad_flow_animation", "jacobian_profile",
    "training_curves", "grad_norm_curve",
    "state_heatmap", "gate_heatmaps", "saturation_scatter", "pca_trajectory",
    "unroll_step", "eigenvalues", "activation_functions", "text_heat_html",
    "attention_heatmap", "attention_animation", "bottleneck_map", "encoder_gradient", "length_accuracy",
    "connectivity_text", "connectivity_distance", "itemised_bars",
    "next_word_bars", "marginals_heatmap", "schedule_curves", "rollout_errors",
]
