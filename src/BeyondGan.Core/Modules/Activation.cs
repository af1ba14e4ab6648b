namespace BeyondGan.Modules;

/// <summary>Hidden-layer non-linearity of the MLP generator and critic.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>LeakyReLU with slope 0.2.</summary>
    LeakyReLU,
    /// <summary>tanh.</summary>
    Tanh,
    /// <summary>Maxout over 5 pieces (Goodfellow et al. 2013), as in PacGAN's critic.</summary>
    Maxout,
}
