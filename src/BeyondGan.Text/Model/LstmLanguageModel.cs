using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// An LSTM language model p(w_t | w_&lt;t) (Mikolov et al. 2010; sizes and dropout as Zaremba et al. 2014): token
/// embeddings, an LSTM stack, dropout, and a linear map to the vocabulary's logits. Trained by teacher forcing; sampled
/// token by token, carrying the LSTM's state. A conditional model adds a label's embedding to every token's (so each
/// sentence is generated for its label; Mirza &amp; Osindero 2014's conditioning on the input).
/// </summary>
public sealed class LstmLanguageModel : LanguageModel
{
    private readonly Embedding embedding;
    private readonly Embedding? labelEmbedding;
    private readonly LSTM lstm;
    private readonly InvertedDropout dropout;
    private readonly Linear output;

    /// <summary>Creates the model for <paramref name="vocabulary"/> ids and <paramref name="labels"/> labels (0: unconditional).</summary>
    public LstmLanguageModel(int vocabulary, TextModelOptions options, int labels = 0) : base(nameof(LstmLanguageModel))
    {
        embedding = nn.Embedding(vocabulary, options.Embedding);
        if (labels > 0) labelEmbedding = nn.Embedding(labels, options.Embedding);
        lstm = nn.LSTM(options.Embedding, options.Hidden, options.Layers, batchFirst: true, dropout: options.Layers > 1 ? options.Dropout : 0);
        dropout = new InvertedDropout(options.Dropout);
        output = nn.Linear(options.Hidden, vocabulary);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor Logits(Tensor ids, Tensor? labels)
    {
        var (states, h, c) = lstm.call(dropout.call(Embed(ids, labels)));
        h.Dispose();
        c.Dispose();
        return output.call(dropout.call(states));
    }

    /// <inheritdoc />
    public override (Tensor Logits, (Tensor H, Tensor C) State) Step(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null)
    {
        var (states, h, c) = lstm.call(Embed(ids.unsqueeze(1), labels), state);
        return (output.call(states.squeeze(1)), (h, c));
    }

    /// <inheritdoc />
    public override (Tensor Logits, (Tensor H, Tensor C) State) Run(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null)
    {
        var (states, h, c) = lstm.call(Embed(ids, labels), state);
        return (output.call(states), (h, c));
    }

    /// <summary>Token embeddings, plus the label's at every position for a conditional model.</summary>
    private Tensor Embed(Tensor ids, Tensor? labels) => WithLabel(embedding.call(ids), labelEmbedding, labels);
}
