using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// A recurrent language model p(w_t | w_&lt;t) as the text models use it: teacher-forced logits for training, and one
/// step at a time for sampling and rollouts. The recurrent state is two tensors with the batch on dimension 1 (an
/// LSTM's h and c; a relational memory and an empty companion), so callers can select and narrow rows of it alike.
/// </summary>
public abstract class LanguageModel : TorchSharp.torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module called <paramref name="name"/>.</summary>
    protected LanguageModel(string name) : base(name) { }

    /// <summary>Logits [batch, steps, vocabulary] after each of <paramref name="ids"/> [batch, steps] (unconditional).</summary>
    public override Tensor forward(Tensor ids) => Logits(ids, null);

    /// <summary>Logits [batch, steps, vocabulary] after each of <paramref name="ids"/>, for each row's label id in <paramref name="labels"/> [batch] (null: unconditional); dropout applies in training mode.</summary>
    public abstract Tensor Logits(Tensor ids, Tensor? labels);

    /// <summary>One step: logits [batch, vocabulary] after <paramref name="ids"/> [batch] and the state carried on.</summary>
    public abstract (Tensor Logits, (Tensor H, Tensor C) State) Step(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null);

    /// <summary>Runs <paramref name="ids"/> [batch, steps] from <paramref name="state"/> (no dropout, as sampling): the logits after each and the state carried on.</summary>
    public abstract (Tensor Logits, (Tensor H, Tensor C) State) Run(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null);

    /// <summary>
    /// Token embeddings <paramref name="tokens"/>, plus the label's (<paramref name="labelEmbedding"/> of
    /// <paramref name="labels"/>) at every position for a conditional model (Mirza &amp; Osindero 2014's conditioning on
    /// the input).
    /// </summary>
    protected static Tensor WithLabel(Tensor tokens, Embedding? labelEmbedding, Tensor? labels)
    {
        if (labelEmbedding is null) return tokens;
        if (labels is null) throw new ArgumentException("this text model is conditional: give a label.");
        return tokens + labelEmbedding.call(labels).unsqueeze(1);
    }
}
