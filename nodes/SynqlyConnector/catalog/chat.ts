import type { OperationRow } from '../../shared/catalog/types';
import { locatorParam } from '../../shared/catalog/fields';
import { category, SIMPLE } from './category';
import { locators } from './locators';

const chat = category('chat');

const userId = locatorParam('userId', 'User', locators.chatUser);
const conversationId = locatorParam('conversationId', 'Conversation', locators.conversation);
const userConversationId = locatorParam('conversationId', 'Conversation', locators.userConversation);

export const chatRows: OperationRow[] = [
	chat.query({
		operation: 'queryUsers',
		name: 'Get Many Users',
		action: 'Get many chat users',
		description: 'List the users of the chat workspace',
		path: '/v1/chat/users',
		pageSize: 100,
		filter: true,
		filterField: 'user.name',
		simplify: SIMPLE.entity,
	}),
	chat.query({
		operation: 'queryUserConversations',
		name: 'Get Many User Conversations',
		action: 'Get many conversations of a user',
		description: 'List the conversations (channels, chats) one user is in',
		path: '/v1/chat/users/{userId}/conversations',
		params: [userId],
		pageSize: 100,
		filter: true,
		filterField: 'conversation.name',
		simplify: SIMPLE.conversation,
	}),
	chat.query({
		operation: 'queryUserConversationMembers',
		name: 'Get Many User Conversation Members',
		action: "Get many members of a user's conversation",
		description: 'List the members of a conversation, as seen by one user',
		path: '/v1/chat/users/{userId}/conversations/{conversationId}/members',
		params: [userId, userConversationId],
		pageSize: 100,
		simplify: SIMPLE.entity,
	}),
	chat.query({
		operation: 'queryUserConversationMessages',
		name: 'Get Many User Conversation Messages',
		action: "Get many messages of a user's conversation",
		description: 'List the messages of a conversation, as seen by one user',
		path: '/v1/chat/users/{userId}/conversations/{conversationId}/messages',
		params: [userId, userConversationId],
		pageSize: 100,
		filter: true,
		simplify: SIMPLE.message,
	}),
	chat.query({
		operation: 'queryConversations',
		name: 'Get Many Conversations',
		action: 'Get many conversations',
		description: 'List the conversations (channels, chats) of the workspace',
		path: '/v1/chat/conversations',
		pageSize: 100,
		filter: true,
		filterField: 'conversation.name',
		simplify: SIMPLE.conversation,
	}),
	chat.query({
		operation: 'queryConversationMembers',
		name: 'Get Many Conversation Members',
		action: 'Get many members of a conversation',
		description: 'List the members of a conversation',
		path: '/v1/chat/conversations/{conversationId}/members',
		params: [conversationId],
		pageSize: 100,
		simplify: SIMPLE.entity,
	}),
	chat.query({
		operation: 'queryConversationMessages',
		name: 'Get Many Conversation Messages',
		action: 'Get many messages of a conversation',
		description: 'List the messages of a conversation',
		path: '/v1/chat/conversations/{conversationId}/messages',
		params: [conversationId],
		pageSize: 100,
		filter: true,
		simplify: SIMPLE.message,
	}),
];
