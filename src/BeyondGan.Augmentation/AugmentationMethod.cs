namespace BeyondGan.Augmentation;

/// <summary>Where the added rows come from.</summary>
public enum AugmentationMethod
{
    /// <summary>A conditional tabular GAN (CTGAN class), sampled with the class fixed exactly.</summary>
    Gan,
    /// <summary>SMOTE (Chawla et al. 2002): interpolation between a row and one of its k nearest same-class neighbours; numeric features only.</summary>
    Smote,
    /// <summary>SMOTE-NC (Chawla et al. 2002, §6.1): SMOTE for mixed numeric and categorical features.</summary>
    SmoteNc,
    /// <summary>Random oversampling: copies of random rows of the class.</summary>
    Random,
}

/// <summary>Which synthetic rows to drop before adding them.</summary>
public enum SyntheticFilter
{
    /// <summary>Keep every generated row.</summary>
    None,
    /// <summary>Generate extra rows and keep those the GAN's own critic scores as most real (GAN only).</summary>
    Critic,
    /// <summary>Generate extra rows and keep those a real-vs-synthetic LightGbm classifier finds most real.</summary>
    Classifier,
    /// <summary>
    /// Generate extra rows and keep those a LightGbm classifier trained on the real rows (this class vs the others)
    /// finds most typical of their class: drops generated rows whose features look like another class.
    /// </summary>
    Label,
}
