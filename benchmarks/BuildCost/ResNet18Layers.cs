using CnnGen;

namespace BuildCost;

// torchvision's ResNet-18 at 224×224: the 7×7 stride-2 stem, then per stage the 3×3 convolution, the stride-2 3×3 that
// enters the next stage and its 1×1 stride-2 projection; and the stem's 3×3 stride-2 max pool (here without its padding).
#pragma warning disable CNN0010 // Several of these strides leave the last row and column unread, as in torchvision.

[Conv2D(7, stride: 2, pad: 3, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 64)]
public partial class Stem { }

[MaxPool2D(3, stride: 2, InputHeight = 112, InputWidth = 112, InputChannels = 64)]
public partial class StemPool { }

[Conv2D(3, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 64)]
public partial class Stage1Conv { }

[Conv2D(3, stride: 2, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 128)]
public partial class Stage2Entry { }

[Conv2D(1, stride: 2, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 128)]
public partial class Stage2Projection { }

[Conv2D(3, pad: 1, InputHeight = 28, InputWidth = 28, InputChannels = 128, Filters = 128)]
public partial class Stage2Conv { }

[Conv2D(3, stride: 2, pad: 1, InputHeight = 28, InputWidth = 28, InputChannels = 128, Filters = 256)]
public partial class Stage3Entry { }

[Conv2D(1, stride: 2, InputHeight = 28, InputWidth = 28, InputChannels = 128, Filters = 256)]
public partial class Stage3Projection { }

[Conv2D(3, pad: 1, InputHeight = 14, InputWidth = 14, InputChannels = 256, Filters = 256)]
public partial class Stage3Conv { }

[Conv2D(3, stride: 2, pad: 1, InputHeight = 14, InputWidth = 14, InputChannels = 256, Filters = 512)]
public partial class Stage4Entry { }

[Conv2D(1, stride: 2, InputHeight = 14, InputWidth = 14, InputChannels = 256, Filters = 512)]
public partial class Stage4Projection { }

[Conv2D(3, pad: 1, InputHeight = 7, InputWidth = 7, InputChannels = 512, Filters = 512)]
public partial class Stage4Conv { }
