DROP INDEX "exchange_post_open_idx";--> statement-breakpoint
DROP INDEX "conversation_member_user_idx";--> statement-breakpoint
ALTER TABLE "conversation_member" ADD COLUMN "last_message_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "exchange_post_created_idx" ON "exchange_post" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "conversation_member_inbox_idx" ON "conversation_member" USING btree ("user_id","last_message_at","conversation_id");--> statement-breakpoint
-- Conversations from before this migration: their members take the conversation's last message time.
UPDATE "conversation_member" SET "last_message_at" = "conversation"."last_message_at" FROM "conversation" WHERE "conversation"."id" = "conversation_member"."conversation_id";
