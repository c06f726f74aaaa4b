"""Own the protocol's error: a code, the field at fault, and the sentence a student reads."""
from .catalog import MAX_HIDDEN_LAYERS, MIN_HIDDEN_LAYERS


PHASE_NAMES = {
    "pt-BR": {
        "forward": "forward (propagação)",
        "backward": "backward (retropropagação)",
        "update": "update (atualização dos pesos)",
    },
    "en": {
        "forward": "forward (forward pass)",
        "backward": "backward (backpropagation)",
        "update": "update (weight update)",
    },
}

KINDS = {
    "pt-BR": {
        "number": "um número", "integer": "um número inteiro", "boolean": "verdadeiro ou falso (true/false)",
        "string": "um texto", "object": "um objeto JSON", "sizes": f"uma lista de {MIN_HIDDEN_LAYERS} a {MAX_HIDDEN_LAYERS} números inteiros",
    },
    "en": {
        "number": "a number", "integer": "a whole number", "boolean": "true or false",
        "string": "a string", "object": "a JSON object", "sizes": f"a list of {MIN_HIDDEN_LAYERS} to {MAX_HIDDEN_LAYERS} whole numbers",
    },
}

SNAPSHOT_REASONS = {
    "pt-BR": {
        "format": "formato desconhecido; o esperado é “backprop-passo-a-passo/2”",
        "old_format": (
            "foi salvo por uma versão anterior do app (formato 1), que este servidor não abre mais; "
            "recomece a sessão e exporte de novo"
        ),
        "damaged": "o arquivo está danificado: tem números ou aninhamentos impossíveis",
        "field": "o campo “{path}” está ausente ou é inválido",
        "inconsistent": "o campo “{path}” contradiz o resto da sessão",
    },
    "en": {
        "format": "unknown format; expected “backprop-passo-a-passo/2”",
        "old_format": (
            "it was saved by an earlier version of the app (format 1), which this server no longer "
            "opens; start the session again and export it anew"
        ),
        "damaged": "the file is damaged: it has impossible numbers or nesting",
        "field": "the field “{path}” is missing or invalid",
        "inconsistent": "the field “{path}” contradicts the rest of the session",
    },
}

MESSAGES = {
    "pt-BR": {
        "bad_json": "A mensagem não é um JSON válido.",
        "bad_message": "A mensagem deve ser um objeto JSON com o campo “op” (texto).",
        "unknown_op": "Operação desconhecida: “{op}”. As operações são: {ops}.",
        "unknown_field": "A operação “{op}” não aceita o campo “{field}”.",
        "missing_field": "Falta o campo “{field}”.",
        "bad_type": "O campo “{field}” deve ser {kind}.",
        "out_of_range": "O campo “{field}” deve estar entre {low} e {high}.",
        "not_finite": "O campo “{field}” deve ser um número finito.",
        "bad_value": "“{value}” não é um valor válido para “{field}”. Valores possíveis: {choices}.",
        "out_of_order": "Ainda não é a vez do {asked}: o próximo passo é o {expected}.",
        "nothing_to_undo": "Não há passo anterior para desfazer.",
        "no_validation": (
            "A parada antecipada (paciência {patience}) precisa de exemplos de validação, e esta sessão "
            "não tem nenhum: escolha uma validação maior que 0 % (com exemplos suficientes para separar "
            "ao menos um) ou paciência 0."
        ),
        "diverged": (
            "A rede divergiu: este passo levaria {param} ao infinito (ou além de 10⁶), então nada foi "
            "aplicado. O que costuma resolver: uma taxa de aprendizado η menor, ligar o corte do gradiente "
            "(clipping) ou outra inicialização (Xavier para sigmoid e tanh, He para ReLU). "
            "“Passo anterior” ou “Reset” voltam a uma rede sã."
        ),
        "bad_snapshot": "Este arquivo não é uma sessão válida ({reason}). Nada foi alterado.",
        "too_large": "A mensagem é grande demais (o máximo é {limit}).",
        "rate_limited": "Mensagens demais em um segundo; espere um instante.",
        "internal": "Erro interno do servidor; nada foi alterado.",
        "server_full": "Servidor cheio: muitos alunos conectados agora.",
        "flooded": "Mensagens demais esperando resposta; a conexão foi fechada.",
        "frames_flooded": "Pings, pongs ou fragmentos demais por segundo; a conexão foi fechada.",
        "frame_too_large": "A mensagem passou de {limit}; a conexão foi fechada.",
        "protocol_violation": "O servidor recebeu dados fora do protocolo WebSocket; a conexão foi fechada.",
        "invalid_frame": (
            "O servidor recebeu uma mensagem que não é texto UTF-8 válido (ou não se descomprime); "
            "a conexão foi fechada."
        ),
        "no_pong": "O navegador não respondeu ao servidor por {seconds} s; a conexão foi fechada.",
        "idle": "Conexão fechada depois de {seconds} s sem mensagens.",
        "shutting_down": "O servidor está reiniciando; reconectando e restaurando sua sessão.",
    },
    "en": {
        "bad_json": "The message is not valid JSON.",
        "bad_message": "The message must be a JSON object with an “op” field (a string).",
        "unknown_op": "Unknown operation: “{op}”. The operations are: {ops}.",
        "unknown_field": "The operation “{op}” does not take the field “{field}”.",
        "missing_field": "The field “{field}” is missing.",
        "bad_type": "The field “{field}” must be {kind}.",
        "out_of_range": "The field “{field}” must be between {low} and {high}.",
        "not_finite": "The field “{field}” must be a finite number.",
        "bad_value": "“{value}” is not a valid value for “{field}”. Possible values: {choices}.",
        "out_of_order": "Not yet time for {asked}: the next phase is {expected}.",
        "nothing_to_undo": "There is no previous step to undo.",
        "no_validation": (
            "Early stopping (patience {patience}) needs validation examples, and this session has none: "
            "choose a validation split above 0 % (with enough examples to set at least one apart) or "
            "patience 0."
        ),
        "diverged": (
            "The network diverged: this step would send {param} to infinity (or past 10⁶), so nothing "
            "was applied. What usually helps: a lower learning rate η, turning on gradient clipping, or "
            "another initialisation (Xavier for sigmoid and tanh, He for ReLU). “Previous step” or "
            "“Reset” bring back a sound network."
        ),
        "bad_snapshot": "This file is not a valid session ({reason}). Nothing was changed.",
        "too_large": "The message is too large (the limit is {limit}).",
        "rate_limited": "Too many messages in one second; wait a moment.",
        "internal": "Internal server error; nothing was changed.",
        "server_full": "Server full: too many students connected right now.",
        "flooded": "Too many messages waiting for an answer; the connection was closed.",
        "frames_flooded": "Too many pings, pongs or fragments a second; the connection was closed.",
        "frame_too_large": "The message was over {limit}; the connection was closed.",
        "protocol_violation": "The server received data outside the WebSocket protocol; the connection was closed.",
        "invalid_frame": (
            "The server received a message that is not valid UTF-8 text (or does not decompress); "
            "the connection was closed."
        ),
        "no_pong": "The browser did not answer the server for {seconds} s; the connection was closed.",
        "idle": "Connection closed after {seconds} s without messages.",
        "shutting_down": "The server is restarting; reconnecting and restoring your session.",
    },
}

# Codes whose sentence differs from the code sent on the wire.
WIRE_CODES = {"not_finite": "out_of_range"}


class ProtocolError(Exception):
    """A message the session must not see; `sentence(lang)` is what the student reads."""

    def __init__(self, code, field=None, **details):
        super().__init__(code)
        self.code, self.field = code, printable(field)
        self.details = {name: printable(value) for name, value in details.items()}

    @property
    def wire_code(self):
        return WIRE_CODES.get(self.code, self.code)

    def sentence(self, lang):
        details = dict(self.details, field=self.field)
        if self.code == "out_of_order":
            names = PHASE_NAMES[lang]
            details.update(asked=names[details["asked"]], expected=names[details["expected"]])
        if self.code == "bad_type":
            details["kind"] = KINDS[lang][details["kind"]]
        if self.code == "diverged":
            details["param"] = diverging_parameter(details, lang)
        if self.code == "bad_snapshot":
            details["reason"] = SNAPSHOT_REASONS[lang][details["reason"]].format(path=details.get("path"))
        if self.code in ("too_large", "frame_too_large"):
            details["limit"] = format_bytes(details.get("limit", 1024 * 1024))
        for bound in ("low", "high"):
            if bound in details:
                details[bound] = format_bound(details[bound], lang)
        return MESSAGES[lang][self.code].format(**details)


def printable(value):
    """Text echoed back with any lone surrogate replaced: it cannot be encoded as UTF-8."""
    if not isinstance(value, str):
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def format_bound(value, lang):
    """A range bound as a student writes it: 0,01 in Portuguese, 0.01 in English; − for minus."""
    text = str(value) if isinstance(value, int) else f"{value:g}"
    if lang == "pt-BR":
        text = text.replace(".", ",")
    return text.replace("-", "−")


DIVERGING = {
    "pt-BR": {"weight": "o peso {name} (camada {layer})", "bias": "o viés {name} (camada {layer})",
              "v": "o peso {name} (da camada oculta à saída)", "c": "o viés c da saída",
              "memory": "a memória do otimizador", None: "algum peso"},
    "en": {"weight": "the weight {name} (layer {layer})", "bias": "the bias {name} (layer {layer})",
           "v": "the weight {name} (hidden layer to output)", "c": "the output bias c",
           "memory": "the optimiser's memory", None: "a weight"},
}
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPT = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def diverging_parameter(details, lang):
    """“o peso w₁₂ (camada 1)”: which parameter a diverging step would have broken, named as the
    page names it (static/js/format.js symbols): the course's w₁₂, b₁, v₁ and c in a network with
    one hidden layer, the layer as a superscript otherwise (w₁₂⁽²⁾)."""
    what, layer, row, col = (details.get(key) for key in ("what", "layer", "row", "col"))
    course = details.get("layers") == 2
    if course and layer == 2 and what in ("weight", "bias"):
        what = "v" if what == "weight" else "c"
    mark = "" if course else f"({layer})".translate(SUPERSCRIPT)
    if what == "weight":
        name = f"w{row}{col}".translate(SUBSCRIPT) + mark
    elif what == "bias":
        name = f"b{row}".translate(SUBSCRIPT) + mark
    else:
        name = f"v{col}".translate(SUBSCRIPT) if what == "v" else None
    return DIVERGING[lang][what].format(name=name, layer=layer)


def format_bytes(count):
    """A byte count as a limit is written: 1 MiB, 64 KiB, 1000 bytes."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"
