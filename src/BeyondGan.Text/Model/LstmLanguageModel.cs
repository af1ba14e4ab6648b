using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// An LSTM language model p(w_t | w_&lt;t) (Mikolov et al. 2010; sizes and dropout as Zaremba et al. 2014): token
/// embeddings, an LSTM stack, dropout, and a linear map to the vocabulary's logits. Trained by teacher forcing; sampled
/// token by token, carrying the LSTM's state.
/// </summary>
public sealed class LstmLanguageModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly InvertedDropout dropout;
    private readonly Linear output;

    /// <summary>Creates the model for <paramref name="vocabulary"/> ids.</summary>
    public LstmLanguageModel(int vocabulary, TextModelOptions options) : base(nameof(LstmLanguageModel))
    {
        embedding = nn.Embedding(vocabulary, options.Embedding);
        lstm = nn.LSTM(options.Embedding, options.Hidden, options.Layers, batchFirst: true, dropout: options.Layers > 1 ? options.Dropout : 0);
        dropout = new InvertedDropout(options.Dropout);
        output = nn.Linear(options.Hidden, vocabulary);
        RegisterComponents();
    }

    /// <summary>Logits [batch, steps, vocabulary] of the next token after each of <paramref name="ids"/> [batch, steps].</summary>
    public override Tensor forward(Tensor ids)
    {
        var (states, h, c) = lstm.call(dropout.call(embedding.call(ids)));
        h.Dispose();
        c.Dispose();
        return output.call(dropout.call(states));
    }

    /// <summary>One step: logits [batch, vocabulary] after <paramref name="ids"/> [batch] and the state carried on.</summary>
    public (Tensor Logits, (Tensor H, Tensor C) State) Step(Tensor ids, (Tensor H, Tensor C)? state)
    {
        var (states, h, c) = lstm.call(embedding.call(ids.unsqueeze(1)), state);
        return (output.call(states.squeeze(1)), (h, c));
    }
}
