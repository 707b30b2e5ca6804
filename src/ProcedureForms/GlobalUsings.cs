// The form model's kinds are the public ones a front end sees: one enum, under the name the model's code reads best with.
global using FieldKind = ProcedureForms.Definitions.FormFieldKind;
