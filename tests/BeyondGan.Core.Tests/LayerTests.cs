using BeyondGan.Discrete;
using BeyondGan.Layers;
using BeyondGan.Modules;
using BeyondGan.Runtime;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class LayerTests
{
    [Fact]
    public void Bfloat16_on_a_cpu_without_it_warns_and_nothing_else_does()
    {
        Assert.NotNull(ComputePrecision.BFloat16.EmulationWarning(CPU, cpuHasNativeBFloat16: false));
        Assert.Null(ComputePrecision.BFloat16.EmulationWarning(CPU, cpuHasNativeBFloat16: true));
        Assert.Null(ComputePrecision.Float32.EmulationWarning(CPU, cpuHasNativeBFloat16: false));
        Assert.Null(ComputePrecision.BFloat16.EmulationWarning(new Device("cuda"), cpuHasNativeBFloat16: false));
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(4, 2, 4)]
    [InlineData(8, 1, 0)]
    public void A_dilated_unfold_conv1d_is_a_dilated_nn_conv1d(int dilation, int stride, int padding)
    {
        manual_seed(5);
        using var reference = nn.Conv1d(3, 4, 3, stride: stride, padding: padding, dilation: dilation);
        manual_seed(5);
        using var conv = new UnfoldConv1d(3, 4, 3, stride: stride, padding: padding, dilation: dilation);
        using var x = randn(2, 3, 40);
        using var a = conv.call(x);
        using var b = reference.call(x);
        Assert.Equal(b.shape, a.shape);
        Assert.True(a.allclose(b, 1e-5, 1e-6));
    }

    [Fact]
    public void The_truncated_normal_has_its_standard_deviation_and_stays_within_its_bounds()
    {
        manual_seed(6);
        using var wide = TruncatedNormal.Fill(empty(100_000), std: 0.02);   // bounds ±2 are 100 σ away: a plain normal
        Assert.Equal(0, wide.mean().item<float>(), 3);
        Assert.Equal(0.02, wide.std().item<float>(), 3);
        using var narrow = TruncatedNormal.Fill(empty(100_000), std: 1, a: -1, b: 1);
        Assert.True(narrow.abs().max().item<float>() <= 1);
        // N(0, 1) truncated to [−1, 1] has variance 1 − 2φ(1)/(Φ(1) − Φ(−1)) = 0.2911.
        double phi = Math.Exp(-0.5) / Math.Sqrt(2 * Math.PI), mass = MathNet.Numerics.SpecialFunctions.Erf(1 / Math.Sqrt(2));
        Assert.Equal(Math.Sqrt(1 - 2 * phi / mass), narrow.std().item<float>(), 2);
        Assert.Throws<ArgumentException>(() => TruncatedNormal.Fill(empty(3), std: 0));
    }

    [Fact]
    public void Depthwise_conv1d_is_a_grouped_nn_conv1d_forward_and_backward()
    {
        manual_seed(4);
        using var conv = new DepthwiseConv1d(3, 7);
        using var reference = nn.Conv1d(3, 3, 7, padding: 3, groups: 3);
        using (no_grad())
        {
            reference.weight!.copy_(conv.Weight.unsqueeze(1));
            reference.bias!.copy_(conv.parameters().Last());
        }
        var x = randn(2, 3, 20);
        var y = conv.call(x);
        Assert.Equal(new long[] { 2, 3, 20 }, y.shape);   // "same" length
        Assert.True(y.allclose(reference.call(x), 1e-5, 1e-6));
        // One channel, one tap by hand: y[0, 1, 0] = Σ_k W[1, k] · x_pad[0, 1, k] + b[1], the first 3 taps on the zero padding.
        double byHand = conv.parameters().Last()[1].item<float>();
        for (int k = 3; k < 7; k++) byHand += conv.Weight[1, k].item<float>() * x[0, 1, k - 3].item<float>();
        Assert.Equal(byHand, y[0, 1, 0].item<float>(), 5);
        conv.call(x).square().sum().backward();
        reference.call(x).square().sum().backward();
        Assert.True(conv.Weight.grad!.allclose(reference.weight!.grad!.squeeze(1), 1e-4, 1e-5));
        Assert.Throws<ArgumentException>(() => new DepthwiseConv1d(3, 4));   // even kernels have no centre
    }

    [Fact]
    public void Unfold_conv1d_is_nn_conv1d_and_its_input_gradient_stays_finite()
    {
        manual_seed(3);
        using var reference = nn.Conv1d(3, 5, 5, stride: 2, padding: 2);
        manual_seed(3);
        using var conv = new UnfoldConv1d(3, 5, 5, stride: 2, padding: 2);
        Assert.Equal(reference.weight!.data<float>().ToArray(), conv.Weight.data<float>().ToArray());
        var x = randn(4, 3, 16);
        var y = conv.call(x);
        Assert.Equal(new long[] { 4, 5, 8 }, y.shape);
        Assert.True(y.allclose(reference.call(x), 1e-5, 1e-6));
        conv.call(x).square().sum().backward();
        reference.call(x).square().sum().backward();
        Assert.True(conv.Weight.grad!.allclose(reference.weight!.grad!, 1e-4, 1e-5));

        // nn.Conv1d's backward with an input gradient gave NaN in about 1 of 15 calls on 2 threads (libtorch 2.10, oneDNN).
        for (int i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            var xi = randn(16, 3, 16).requires_grad_(true);
            conv.zero_grad();
            conv.call(xi).sum().backward();
            Assert.True(xi.grad!.isfinite().all().item<bool>() && conv.Weight.grad!.isfinite().all().item<bool>(), $"non-finite gradient at call {i}");
        }
    }

    [Theory]
    [InlineData(25, 4, 11, 1)]
    [InlineData(5, 2, 2, 1)]
    [InlineData(3, 1, 0, 0)]
    [InlineData(4, 3, 1, 2)]
    public void Fold_conv_transpose1d_is_nn_conv_transpose1d_forward_and_backward(int kernel, int stride, int padding, int outputPadding)
    {
        manual_seed(5);
        using var reference = nn.ConvTranspose1d(3, 4, kernel, stride: stride, padding: padding, output_padding: outputPadding);
        manual_seed(5);
        using var conv = new FoldConvTranspose1d(3, 4, kernel, stride, padding, outputPadding);
        Assert.Equal(reference.weight!.data<float>().ToArray(), conv.Weight.data<float>().ToArray());
        var x = randn(2, 3, 16).requires_grad_(true);
        var xr = x.detach().clone().requires_grad_(true);
        var y = conv.call(x);
        var yr = reference.call(xr);
        Assert.Equal(yr.shape, y.shape);
        Assert.Equal(conv.OutputLength(16), y.shape[2]);
        Assert.True(y.allclose(yr, 1e-5, 1e-5));
        var w = randn(y.shape);
        (y * w).sum().backward();
        (yr * w).sum().backward();
        Assert.True(x.grad!.allclose(xr.grad!, 1e-4, 1e-5));
        Assert.True(conv.Weight.grad!.allclose(reference.weight!.grad!, 1e-4, 1e-5));
    }

    // The references' own backward with an input gradient is oneDNN's (NaN now and then on 2 threads), so the input
    // gradient is checked against the adjoint's forward: a convolution's input gradient is the transposed convolution of
    // the output gradient, and the other way round. Weight gradients come from the reference with an input that needs none.
    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(3, 1, 1)]
    [InlineData(4, 3, 0)]
    public void Unfold_conv2d_is_nn_conv2d_forward_and_backward(int kernel, int stride, int padding)
    {
        manual_seed(5);
        using var reference = nn.Conv2d(3, 4, kernel, stride: stride, padding: padding);
        manual_seed(5);
        using var conv = new UnfoldConv2d(3, 4, kernel, stride, padding);
        Assert.Equal(reference.weight!.data<float>().ToArray(), conv.Weight.data<float>().ToArray());
        var x = randn(2, 3, 13, 10).requires_grad_(true);
        var y = conv.call(x);
        var yr = reference.call(x.detach());
        Assert.Equal(yr.shape, y.shape);
        Assert.Equal(new[] { conv.OutputSize(13), conv.OutputSize(10) }, y.shape[2..]);
        Assert.True(y.allclose(yr, 1e-5, 1e-5));
        var g = randn(y.shape);
        (y * g).sum().backward();
        (yr * g).sum().backward();
        Assert.True(conv.Weight.grad!.allclose(reference.weight!.grad!, 1e-4, 1e-4));
        long[] back = [13 - ((y.shape[2] - 1) * stride - 2 * padding + kernel), 10 - ((y.shape[3] - 1) * stride - 2 * padding + kernel)];
        using var adjoint = nn.functional.conv_transpose2d(g, reference.weight!.detach(), null, [stride, stride], [padding, padding], back);
        Assert.True(x.grad!.allclose(adjoint, 1e-4, 1e-4));
    }

    [Theory]
    [InlineData(5, 2, 2, 1)]
    [InlineData(3, 1, 0, 0)]
    [InlineData(4, 3, 1, 2)]
    public void Fold_conv_transpose2d_is_nn_conv_transpose2d_forward_and_backward(int kernel, int stride, int padding, int outputPadding)
    {
        manual_seed(5);
        using var reference = nn.ConvTranspose2d(3, 4, kernel, stride: stride, padding: padding, output_padding: outputPadding);
        manual_seed(5);
        using var conv = new FoldConvTranspose2d(3, 4, kernel, stride, padding, outputPadding);
        Assert.Equal(reference.weight!.data<float>().ToArray(), conv.Weight.data<float>().ToArray());
        var x = randn(2, 3, 6, 5).requires_grad_(true);
        var y = conv.call(x);
        var yr = reference.call(x.detach());
        Assert.Equal(yr.shape, y.shape);
        Assert.Equal(new[] { conv.OutputSize(6), conv.OutputSize(5) }, y.shape[2..]);
        Assert.True(y.allclose(yr, 1e-5, 1e-5));
        var g = randn(y.shape);
        (y * g).sum().backward();
        (yr * g).sum().backward();
        Assert.True(conv.Weight.grad!.allclose(reference.weight!.grad!, 1e-4, 1e-4));
        using var adjoint = nn.functional.conv2d(g, reference.weight!.detach(), null, [stride, stride], [padding, padding]);
        Assert.True(x.grad!.allclose(adjoint, 1e-4, 1e-4));
    }

    [Fact]
    public void Precision_linear_in_float32_is_nn_linear_with_the_same_initialisation()
    {
        manual_seed(3);
        var reference = nn.Linear(5, 4);
        manual_seed(3);
        var layer = new PrecisionLinear(5, 4);
        Assert.Equal(new[] { "weight", "bias" }, layer.state_dict().Keys.ToArray());
        var x = randn(6, 5);
        Assert.Equal(TestNets.Flatten(reference.call(x)), TestNets.Flatten(layer.call(x)));
    }

    [Fact]
    public void Precision_linear_in_bfloat16_stays_close_to_float32_and_trains_float32_weights()
    {
        manual_seed(4);
        var layer = new PrecisionLinear(64, 32);
        var x = randn(16, 64);
        var exact = layer.call(x).detach();
        PrecisionLinear.SetComputeType(layer, ScalarType.BFloat16);
        var y = layer.call(x);
        Assert.Equal(ScalarType.Float32, y.dtype);
        // bfloat16 keeps 8 significant bits: relative error of a 64-term dot product well under 2 %.
        double relative = ((y.detach() - exact).norm() / exact.norm()).item<float>();
        Assert.InRange(relative, 1e-6, 0.02);
        y.square().sum().backward();
        foreach (var p in layer.parameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.abs().sum().item<float>() > 0);
        }
    }

    [Fact]
    public void Spectral_norm_gives_unit_largest_singular_value()
    {
        manual_seed(0);
        var layer = new SpectralLinear(20, 30);
        using (no_grad()) layer.Weight.mul_(7.0);
        layer.train();
        for (int i = 0; i < 50; i++) layer.call(randn(4, 20)); // power iterations
        var w = layer.NormalizedWeight();
        var sigma = linalg.svdvals(w.detach()).max().item<float>();
        Assert.Equal(1.0, sigma, 2);
        Assert.Equal(7.0 * linalg.svdvals(layer.Weight.detach() / 7.0).max().item<float>(), layer.Sigma, 1);
    }

    [Fact]
    public void Spectral_norm_gradient_reaches_the_weight()
    {
        var layer = new SpectralLinear(3, 2);
        layer.call(randn(4, 3)).sum().backward();
        Assert.NotNull(layer.Weight.grad);
    }

    [Fact]
    public void Packing_concatenates_groups_and_refuses_ragged_batches()
    {
        var x = arange(12, dtype: float32).reshape(6, 2);
        var packed = new Packing(3).call(x);
        Assert.Equal(new long[] { 2, 6 }, packed.shape);
        Assert.Equal(new[] { 0f, 1f, 2f, 3f, 4f, 5f }, TestNets.Flatten(packed[0]));
        Assert.Throws<ArgumentException>(() => new Packing(4).call(x));
    }

    [Fact]
    public void Inverted_dropout_zeroes_a_fraction_p_scales_the_rest_and_is_the_identity_in_evaluation()
    {
        manual_seed(3);
        var x = (rand(200, 500) + 1).requires_grad_(true); // values in [1, 2): a zero can only come from the mask
        var layer = new InvertedDropout(0.3);
        layer.train();
        var y = layer.call(x);
        var kept = y.ne(0);
        double zeroFraction = 1 - kept.to(float64).mean().item<double>();
        Assert.InRange(zeroFraction, 0.29, 0.31); // 100,000 draws: standard error 0.0015
        Assert.True(y.masked_select(kept).allclose(x.masked_select(kept) / 0.7, rtol: 1e-6, atol: 1e-6));
        Assert.InRange(Math.Abs(y.mean().item<float>() - x.mean().item<float>()), 0, 0.015); // E[y] = x; standard error ≈ 0.003
        y.sum().backward();
        Assert.True(x.grad!.allclose(kept.to(float32) / 0.7, 1e-6, 1e-6)); // the gradient passes through the kept elements only
        layer.eval();
        Assert.True(layer.call(x).eq(x).all().item<bool>());
        var stack = nn.Sequential(nn.ReLU(), new InvertedDropout(0.3)); // Sequential disposes intermediate results
        stack.eval();
        Assert.Equal(x.sum().item<float>(), stack.call(x).sum().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new InvertedDropout(1.0));
    }

    [Fact]
    public void Minibatch_stddev_appends_mean_feature_std()
    {
        var x = tensor(new[] { 0f, 0f, 2f, 4f }).reshape(2, 2); // per-feature std (population): 1, 2 → mean 1.5
        var y = new MinibatchStdDev().call(x);
        Assert.Equal(new long[] { 2, 3 }, y.shape);
        Assert.Equal(1.5, y[0, 2].item<float>(), 4);
        var conv = new MinibatchStdDev().call(randn(4, 3, 5));
        Assert.Equal(new long[] { 4, 4, 5 }, conv.shape);
    }

    [Fact]
    public void Maxout_takes_max_over_pieces()
    {
        var m = new Maxout(3, 4, pieces: 5);
        Assert.Equal(new long[] { 7, 4 }, m.call(randn(7, 3)).shape);
    }

    [Fact]
    public void Gumbel_softmax_soft_rows_sum_to_one_and_hard_rows_are_one_hot_with_gradient()
    {
        var logits = randn(16, 5).requires_grad_(true);
        var soft = GumbelSoftmax.Sample(logits, 0.5, hard: false, rng: new TorchSharp.torch.Generator(1));
        Assert.All(TestNets.Flatten(soft.sum(1)), s => Assert.Equal(1.0, s, 4));
        var hard = GumbelSoftmax.Sample(logits, 0.5, hard: true, rng: new TorchSharp.torch.Generator(1));
        var values = TestNets.Flatten(hard);
        Assert.All(values, v => Assert.True(Math.Abs(v) < 1e-6 || Math.Abs(v - 1) < 1e-6));
        Assert.All(TestNets.Flatten(hard.sum(1)), s => Assert.Equal(1.0, s, 5));
        (hard * randn(16, 5)).sum().backward();
        Assert.NotNull(logits.grad);
        Assert.True(logits.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Gumbel_softmax_samples_follow_the_categorical_distribution()
    {
        var probs = new[] { 0.1f, 0.2f, 0.7f };
        var logits = tensor(probs).log().expand(20000, 3);
        var hard = GumbelSoftmax.Sample(logits, 1.0, hard: true, rng: new TorchSharp.torch.Generator(5));
        var freq = TestNets.Flatten(hard.mean(new long[] { 0 }));
        for (int k = 0; k < 3; k++) Assert.Equal(probs[k], freq[k], 1);
    }

    [Fact]
    public void Straight_through_is_hard_forward_and_soft_backward()
    {
        var x = tensor(new[] { 0.4f, 1.6f }).requires_grad_(true);
        var y = StraightThrough.Round(x);
        Assert.Equal(new[] { 0f, 2f }, TestNets.Flatten(y));
        (y * tensor(new[] { 3f, 5f })).sum().backward();
        Assert.Equal(new[] { 3f, 5f }, TestNets.Flatten(x.grad!));
    }

    [Fact]
    public void Conditional_networks_accept_vectors_and_labels()
    {
        var g = new MlpGenerator(4, new[] { 8 }, 3, conditionSize: 2);
        Assert.Equal(new long[] { 5, 3 }, g.call(randn(5, 4), randn(5, 2)).shape);
        var d = new MlpCritic(3, new[] { 8 }, conditionSize: 6, labelCount: 4);
        Assert.Equal(new long[] { 5 }, d.call(randn(5, 3), tensor(new long[] { 0, 1, 2, 3, 0 })).shape);
        Assert.Throws<ArgumentException>(() => g.call(randn(5, 4), null));
    }
}
