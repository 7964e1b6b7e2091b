import type { INodePropertyOptions } from 'n8n-workflow';

/** What an operation takes: its params, the lists its locators pick from, and the API and method it is sent with. */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which of Synqly's two APIs a table calls; it decides the credential scope and the list style. */
export type Api = 'management' | 'connector';

/** Where a param's value goes: `body` a field of the JSON body, `wholeBody` the whole body (a JSON param), `ui` only steers the form or the runtime (a category that narrows a list, a batch size). */
export type ParamPlace = 'path' | 'query' | 'body' | 'wholeBody' | 'ui';

/**
 * What every input of an operation has. `required` puts it at the top of the form, otherwise it
 * lives in the operation's optional collection ("Additional Fields", "Update Fields", "Options").
 */
export interface ParamBase {
	name: string;
	displayName: string;
	in: ParamPlace;
	/** Name on the wire when it is not the snake_case of `name`; dotted names set nested fields. */
	wire?: string;
	required?: boolean;
	description?: string;
	placeholder?: string;
	/** Only shown when another field of the same operation has one of these values. */
	showWhen?: Record<string, Array<string | number | boolean>>;
}

/** Text in any form: plain, a password, a date, a comma-separated list, JSON. */
export interface TextParam extends ParamBase {
	kind: 'string' | 'secret' | 'dateTime' | 'stringList' | 'json';
	default?: string;
}

export interface NumberParam extends ParamBase {
	kind: 'number';
	default?: number;
}

export interface BooleanParam extends ParamBase {
	kind: 'boolean';
	default?: boolean;
}

/** A dropdown whose choices are fixed in the catalog. */
export interface FixedChoiceParam extends ParamBase {
	kind: 'options' | 'multiOptions';
	options: INodePropertyOptions[];
	default?: INodePropertyOptions['value'] | string[];
}

/** A dropdown whose choices the editor loads from the API (a `loadOptions` method of the node). */
export interface LoadedChoiceParam extends ParamBase {
	kind: 'options' | 'multiOptions';
	loadOptions: { method: string; dependsOn?: string[] };
	default?: string | string[];
}

/** An object picked from a searchable list (the locator) or typed as an ID. */
export interface LocatorParam extends ParamBase {
	kind: 'locator';
	locator: LocatorRow;
}

/** One input of an operation; each kind carries only what it means, so a locator without its list does not compile. */
export type Param = TextParam | NumberParam | BooleanParam | FixedChoiceParam | LoadedChoiceParam | LocatorParam;

export type ParamKind = Param['kind'];

/** A searchable list behind a resource locator: where it lists, and how one entry is shown. */
export interface LocatorRow {
	key: string;
	displayName: string;
	/** List path; `{param}` placeholders are filled from other params of the node. */
	listPath: string;
	/** Management lists: the field the search box matches (Synqly `like` filter); default `fullname`. */
	searchField?: string;
	/** Dotted paths into a listed object; `a|b` takes the first that is set. Default `fullname|name`. */
	labelField?: string;
	/** Default `id`. */
	valueField?: string;
	placeholder?: string;
	/** The list takes no paging or filter parameters: it comes whole and is searched here. */
	unpaged?: boolean;
}

