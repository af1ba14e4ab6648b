using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// RelGAN's generator network (Nie et al. 2019, §2.2): a relational memory core (Santoro et al. 2018, §2 and Eq. 1–2)
/// as a language model. The memory M holds S slots of H heads × d values; each step the slots attend, by multi-head
/// dot-product attention, over themselves and the token's embedding, M̃ = LN(M + A(M, [M; x])),
/// M̂ = LN(M̃ + MLP(M̃)); then LSTM-style gates mix the update in: i, f = W x + U tanh(M),
/// M' = σ(i) ⊙ tanh(M̂) + σ(f + 1) ⊙ M. The logits are a linear map of the flattened memory. The memory starts as the
/// identity (slot s has a 1 in place s). Its recurrent state is the memory as [1, batch, S·H·d] with an empty companion.
/// </summary>
public sealed class RelationalMemoryLanguageModel : LanguageModel
{
    private readonly Embedding embedding;
    private readonly Embedding? labelEmbedding;
    private readonly Linear input, query, key, value, mlp1, mlp2, gateInput, gateMemory, output;
    private readonly LayerNorm norm1, norm2;
    private readonly InvertedDropout dropout;
    private readonly int slots, heads, headSize, size;

    /// <summary>Creates the model for <paramref name="vocabulary"/> ids and <paramref name="labels"/> labels (0: unconditional).</summary>
    public RelationalMemoryLanguageModel(int vocabulary, TextModelOptions options, int labels = 0) : base(nameof(RelationalMemoryLanguageModel))
    {
        (slots, heads, headSize) = (options.MemorySlots, options.Heads, options.HeadSize);
        size = heads * headSize;
        embedding = nn.Embedding(vocabulary, options.Embedding);
        if (labels > 0) labelEmbedding = nn.Embedding(labels, options.Embedding);
        input = nn.Linear(options.Embedding, size);
        query = nn.Linear(size, size);
        key = nn.Linear(size, size);
        value = nn.Linear(size, size);
        mlp1 = nn.Linear(size, size);
        mlp2 = nn.Linear(size, size);
        norm1 = nn.LayerNorm(new long[] { size });
        norm2 = nn.LayerNorm(new long[] { size });
        gateInput = nn.Linear(size, 2 * size);
        gateMemory = nn.Linear(size, 2 * size);
        dropout = new InvertedDropout(options.Dropout);
        output = nn.Linear(slots * size, vocabulary);
        RegisterComponents();
    }

    /// <summary>The memory at the start of a sentence: slot s is the s-th unit vector, [batch, S, H·d].</summary>
    private Tensor InitialMemory(long batch, Device device)
    {
        var m = zeros(slots, size, device: device);
        for (int s = 0; s < Math.Min(slots, size); s++) m[s, s] = tensor(1f);
        return m.unsqueeze(0).expand(batch, slots, size);
    }

    /// <summary>[batch, n, H·d] → [batch, H, n, d].</summary>
    private Tensor SplitHeads(Tensor x) => x.reshape(x.shape[0], x.shape[1], heads, headSize).transpose(1, 2);

    /// <summary>One update of <paramref name="memory"/> [batch, S, H·d] by the embedded token <paramref name="x"/> [batch, E].</summary>
    private Tensor Update(Tensor x, Tensor memory)
    {
        var xi = input.call(x).unsqueeze(1);                                             // [B, 1, H·d]
        var both = cat(new[] { memory, xi }, 1);                                         // [M; x]
        var q = SplitHeads(query.call(memory));
        var k = SplitHeads(key.call(both));
        var v = SplitHeads(value.call(both));
        var attention = (q.matmul(k.transpose(2, 3)) / Math.Sqrt(headSize)).softmax(3).matmul(v);
        var attended = attention.transpose(1, 2).reshape(memory.shape[0], slots, size);
        var m1 = norm1.call(memory + attended);
        var m2 = norm2.call(m1 + mlp2.call(nn.functional.relu(mlp1.call(m1))));
        var gates = (gateInput.call(xi) + gateMemory.call(memory.tanh())).chunk(2, 2);
        return gates[0].sigmoid() * m2.tanh() + (gates[1] + 1).sigmoid() * memory;
    }

    private static (Tensor H, Tensor C) State(Tensor memory) =>
        (memory.reshape(1, memory.shape[0], -1), zeros(new long[] { 1, memory.shape[0], 0 }, device: memory.device));

    private Tensor Memory((Tensor H, Tensor C)? state, long batch, Device device) =>
        state is { } s ? s.H.reshape(batch, slots, size) : InitialMemory(batch, device);

    /// <summary>Reads the embedded tokens <paramref name="e"/> [batch, steps, E] from <paramref name="memory"/>: the flattened memory after each [batch, steps, S·H·d], and the last.</summary>
    private (Tensor Outputs, Tensor Memory) Unroll(Tensor e, Tensor memory)
    {
        var outputs = new Tensor[e.shape[1]];
        for (int t = 0; t < outputs.Length; t++)
        {
            memory = Update(e.select(1, t), memory);
            outputs[t] = memory.reshape(e.shape[0], -1);
        }
        return (stack(outputs, 1), memory);
    }

    /// <inheritdoc />
    public override Tensor Logits(Tensor ids, Tensor? labels) =>
        output.call(dropout.call(Unroll(dropout.call(Embed(ids, labels)), InitialMemory(ids.shape[0], ids.device)).Outputs));

    /// <inheritdoc />
    public override (Tensor Logits, (Tensor H, Tensor C) State) Step(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null)
    {
        var memory = Update(Embed(ids.unsqueeze(1), labels).squeeze(1), Memory(state, ids.shape[0], ids.device));
        return (output.call(memory.reshape(ids.shape[0], -1)), State(memory));
    }

    /// <inheritdoc />
    public override (Tensor Logits, (Tensor H, Tensor C) State) Run(Tensor ids, (Tensor H, Tensor C)? state, Tensor? labels = null)
    {
        var (outputs, memory) = Unroll(Embed(ids, labels), Memory(state, ids.shape[0], ids.device));
        return (output.call(outputs), State(memory));
    }

    /// <summary>Token embeddings, plus the label's at every position for a conditional model.</summary>
    private Tensor Embed(Tensor ids, Tensor? labels) => WithLabel(embedding.call(ids), labelEmbedding, labels);
}
