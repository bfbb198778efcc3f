using CnnGen;

namespace Notebook.Exercises;

// The layers of the notebook's exercises, declared with CnnGen's attributes: the source generator emits each one's
// Forward and Backward specialized to exactly these shapes. GeneratedKernels routes the exercises through them.

/// <summary>zero_pad(x (4,3,3,2), 3).</summary>
[ZeroPad2D(3, InputHeight = 3, InputWidth = 3, InputChannels = 2)]
internal static partial class ExercisePad { }

/// <summary>conv_single_step on a (4,4,3) slice: a 4×4 convolution with one filter whose output is one value.</summary>
[Conv2D(f: 4, InputHeight = 4, InputWidth = 4, InputChannels = 3, Filters = 1)]
internal static partial class ExerciseSingleStep { }

/// <summary>conv_forward(A_prev (2,5,7,4), W (3,3,4,8), pad 1, stride 2).</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
internal static partial class ExerciseConv { }

/// <summary>conv_backward's layer: A_prev (10,4,4,3), W (2,2,3,8), pad 2, stride 2.</summary>
// The notebook pads by the whole filter size, so the corner outputs see only padding: CNN0009 says so, and here
// that is the exercise's intent.
#pragma warning disable CNN0009
[Conv2D(f: 2, stride: 2, pad: 2, InputHeight = 4, InputWidth = 4, InputChannels = 3, Filters = 8)]
#pragma warning restore CNN0009
internal static partial class ExerciseConvBackward { }

/// <summary>pool_forward(A_prev (2,5,5,3), f 3, stride 1), max mode.</summary>
[MaxPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
internal static partial class ExerciseMaxPoolStride1 { }

/// <summary>pool_forward(A_prev (2,5,5,3), f 3, stride 1), average mode.</summary>
[AvgPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
internal static partial class ExerciseAvgPoolStride1 { }

/// <summary>pool_forward(A_prev (2,5,5,3), f 3, stride 2), max mode.</summary>
[MaxPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
internal static partial class ExerciseMaxPoolStride2 { }

/// <summary>pool_forward(A_prev (2,5,5,3), f 3, stride 2), average mode.</summary>
[AvgPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
internal static partial class ExerciseAvgPoolStride2 { }

/// <summary>pool_backward's layer: A_prev (5,5,3,2), f 2, stride 1, max mode.</summary>
[MaxPool2D(f: 2, stride: 1, InputHeight = 5, InputWidth = 3, InputChannels = 2)]
internal static partial class ExerciseMaxPoolBackward { }

/// <summary>pool_backward's layer: A_prev (5,5,3,2), f 2, stride 1, average mode.</summary>
[AvgPool2D(f: 2, stride: 1, InputHeight = 5, InputWidth = 3, InputChannels = 2)]
internal static partial class ExerciseAvgPoolBackward { }

/// <summary>
/// create_mask_from_window on the notebook's 2×2 window: a max pool whose one window is the whole input, so its
/// backward pass with an output gradient of 1 is the one-hot mask.
/// </summary>
[MaxPool2D(f: 2, InputHeight = 2, InputWidth = 2, InputChannels = 1)]
internal static partial class ExerciseMaskWindow { }

/// <summary>
/// distribute_value(dz, (2, 2)): an average pool whose one window is the whole input, so its backward pass spreads
/// dz evenly over the window.
/// </summary>
[AvgPool2D(f: 2, InputHeight = 2, InputWidth = 2, InputChannels = 1)]
internal static partial class ExerciseDistributeWindow { }
