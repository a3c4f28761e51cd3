// Renders /openapi.json as a readable list of routes and parameters (no external scripts).
"use strict";

function node(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = text;
  return n;
}

function schemaText(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(schemaText).filter((s) => s !== "null").join(" | ");
  if (schema.type === "array") return `${schemaText(schema.items)}[]`;
  const parts = [schema.type || (schema.$ref ? schema.$ref.split("/").pop() : "")];
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.minimum !== undefined) parts.push(`>= ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`<= ${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`max length ${schema.maxLength}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.filter(Boolean).join(", ");
}

async function main() {
  const root = document.getElementById("api-docs");
  const spec = await (await fetch("/openapi.json")).json();
  root.appendChild(node("p", "note", `${spec.info.title} ${spec.info.version}: ${spec.info.description || ""}`));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = node("section", "panel");
      sec.appendChild(node("h2", "", `${method.toUpperCase()} ${path}`));
      if (op.summary) sec.appendChild(node("p", "", op.summary));
      if (op.description) sec.appendChild(node("p", "note", op.description));
      const params = op.parameters || [];
      if (params.length) {
        const table = node("table");
        const head = node("tr");
        for (const h of ["name", "in", "type", "description"]) head.appendChild(node("th", "", h));
        table.appendChild(head);
        for (const p of params) {
          const tr = node("tr");
          tr.appendChild(node("td", "code", p.name + (p.required ? " *" : "")));
          tr.appendChild(node("td", "", p.in));
          tr.appendChild(node("td", "code", schemaText(p.schema)));
          tr.appendChild(node("td", "", p.description || (p.schema && p.schema.description) || ""));
          table.appendChild(tr);
        }
        sec.appendChild(table);
      }
      if (op.requestBody) {
        const types = Object.keys(op.requestBody.content || {}).join(", ");
        sec.appendChild(node("p", "note", `body: ${types}`));
      }
      const codes = Object.entries(op.responses || {}).map(([c, r]) => `${c} ${r.description || ""}`);
      sec.appendChild(node("p", "note", `responses: ${codes.join("; ")}`));
      root.appendChild(sec);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => { main().catch((e) => { document.body.append(String(e)); }); });
